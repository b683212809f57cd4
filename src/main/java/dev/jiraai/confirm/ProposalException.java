package dev.jiraai.confirm;

import java.net.URI;
import java.util.UUID;

/**
 * A proposal cannot be confirmed, rejected or changed: unknown to this user, or no longer
 * pending.
 */
public class ProposalException extends RuntimeException {

	private final UUID id;

	private final boolean notFound;

	private final URI checkUrl;

	private ProposalException(UUID id, String message, boolean notFound, URI checkUrl) {
		super(message);
		this.id = id;
		this.notFound = notFound;
		this.checkUrl = checkUrl;
	}

	static ProposalException notFound(UUID id) {
		return new ProposalException(id, "No proposal '%s' for you on this site".formatted(id), true, null);
	}

	/**
	 * Jira may have carried it out without saying so: it is not written again; the user
	 * can check, and the app looks again and updates the proposal.
	 */
	static ProposalException uncertain(UUID id, URI checkUrl) {
		return new ProposalException(id,
				("Jira may have done this already but its answer was lost, so it is not sent "
						+ "again. Check %s; the app also checks Jira and updates this proposal within a few minutes.")
					.formatted(checkUrl),
				false, checkUrl);
	}

	static ProposalException notPending(UUID id, Proposal.State state) {
		String why = switch (state) {
			case EXPIRED -> "it expired; ask for a new one";
			case REJECTED -> "it was rejected";
			case FAILED, PARTIAL -> "it expired before it was carried out in full; ask for a new one";
			case UNCERTAIN -> "Jira may have done it already; the app is checking";
			default -> "it is " + state.name().toLowerCase();
		};
		return new ProposalException(id, "Proposal '%s' cannot be changed: %s".formatted(id, why), false, null);
	}

	public UUID id() {
		return this.id;
	}

	/** Where the user can check a write whose outcome is unknown, or {@code null}. */
	public URI checkUrl() {
		return this.checkUrl;
	}

	/** Whether the proposal is unknown (to this user): 404 rather than 409. */
	public boolean notFound() {
		return this.notFound;
	}

}

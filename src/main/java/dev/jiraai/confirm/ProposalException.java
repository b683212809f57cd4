package dev.jiraai.confirm;

import java.util.UUID;

/**
 * A proposal cannot be confirmed, rejected or changed: unknown to this user, or no longer
 * pending.
 */
public class ProposalException extends RuntimeException {

	private final UUID id;

	private final boolean notFound;

	private ProposalException(UUID id, String message, boolean notFound) {
		super(message);
		this.id = id;
		this.notFound = notFound;
	}

	static ProposalException notFound(UUID id) {
		return new ProposalException(id, "No proposal '%s' for you on this site".formatted(id), true);
	}

	static ProposalException notPending(UUID id, Proposal.State state) {
		String why = switch (state) {
			case EXPIRED -> "it expired; ask for a new one";
			case REJECTED -> "it was rejected";
			case FAILED -> "it failed; ask for a new one";
			default -> "it is " + state.name().toLowerCase();
		};
		return new ProposalException(id, "Proposal '%s' cannot be changed: %s".formatted(id, why), false);
	}

	public UUID id() {
		return this.id;
	}

	/** Whether the proposal is unknown (to this user): 404 rather than 409. */
	public boolean notFound() {
		return this.notFound;
	}

}

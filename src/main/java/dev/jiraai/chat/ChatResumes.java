package dev.jiraai.chat;

import java.util.List;
import java.util.UUID;

import dev.jiraai.confirm.Proposal;
import dev.jiraai.problem.DescribedProblem;
import dev.jiraai.problem.ProblemType;

import org.springframework.http.HttpStatus;

/**
 * Which proposal a resume decides on: the one named, which must be one the turn waits
 * for, or the only one it waits for.
 */
final class ChatResumes {

	private ChatResumes() {
	}

	static UUID chosen(List<Proposal> waiting, UUID named) {
		if (named != null) {
			if (waiting.stream().noneMatch(proposal -> proposal.id().equals(named))) {
				throw new NotAwaited("The conversation is not waiting for a decision on proposal %s.".formatted(named));
			}
			return named;
		}
		if (waiting.size() != 1) {
			throw new NotAwaited("Several changes await your decision: name the one with proposalId.");
		}
		return waiting.get(0).id();
	}

	/** A resume that names no proposal the turn waits for. */
	static final class NotAwaited extends RuntimeException implements DescribedProblem {

		private static final ProblemType TYPE = new ProblemType(HttpStatus.BAD_REQUEST, "bad-request",
				"Not a valid decision", "Name one of the proposals the result lists.");

		NotAwaited(String message) {
			super(message);
		}

		@Override
		public ProblemType problemType() {
			return TYPE;
		}

	}

}

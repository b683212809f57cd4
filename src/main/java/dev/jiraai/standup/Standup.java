package dev.jiraai.standup;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A user's saved stand-up of one date.
 *
 * @param date the date, in the user's time zone
 * @param yesterday what they did (empty when skipped)
 * @param today what they will do (empty when skipped)
 * @param blockers what blocks them (empty when skipped or none)
 * @param issueKeys the suggested issues they kept
 * @param createdAt when it was first saved
 * @param updatedAt when it was last saved
 */
public record Standup(LocalDate date, String yesterday, String today, String blockers, List<String> issueKeys,
		Instant createdAt, Instant updatedAt) {

	public Standup {
		issueKeys = List.copyOf(issueKeys);
	}

	/** Whether the user named a blocker. */
	public boolean blocked() {
		return !this.blockers.isBlank();
	}

}

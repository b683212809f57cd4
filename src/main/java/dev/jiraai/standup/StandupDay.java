package dev.jiraai.standup;

import java.time.LocalDate;
import java.time.ZoneId;

/**
 * A user's stand-up day: what to ask and what is already saved.
 *
 * @param date the user's today
 * @param timeZone their Jira time zone
 * @param snoozed whether they asked not to be asked in the chat today
 * @param standup today's saved stand-up, or {@code null}
 * @param suggestions issues to mention, from their Jira activity
 */
public record StandupDay(LocalDate date, ZoneId timeZone, boolean snoozed, Standup standup,
		StandupSuggestions suggestions) {
}

package dev.jiraai.standup;

import java.time.LocalDate;
import java.util.List;

/**
 * A project team's stand-up day, as the team view shows it.
 *
 * @param projectKey the project
 * @param date the viewer's today
 * @param people the project's assignable users and anyone whose stand-up today concerns
 * one of its issues
 * @param blockers every blocker of the day
 * @param summary the AI summary of the day (Markdown), or {@code null}
 * @param summaryError why there is no summary although stand-ups were given, in plain
 * words, or {@code null}
 */
public record TeamDay(String projectKey, LocalDate date, List<Person> people, List<Blocker> blockers, String summary,
		String summaryError) {

	/**
	 * One person of the team.
	 *
	 * @param accountId their account
	 * @param displayName their name in Jira
	 * @param given whether they gave today's stand-up
	 * @param standup their stand-up, or {@code null}
	 */
	public record Person(String accountId, String displayName, boolean given, Standup standup) {
	}

	/**
	 * A blocker.
	 *
	 * @param accountId who is blocked
	 * @param displayName their name
	 * @param text the blocker as they wrote it
	 * @param issueKeys the issues it names
	 */
	public record Blocker(String accountId, String displayName, String text, List<String> issueKeys) {
	}

}

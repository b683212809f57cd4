package dev.jiraai.standup;

import java.util.List;

/**
 * Issues to suggest for the answers, from Jira queries as the user.
 *
 * @param yesterday issues the user updated, transitioned or commented on yesterday
 * @param today issues assigned to the user and in progress
 */
public record StandupSuggestions(List<SuggestedIssue> yesterday, List<SuggestedIssue> today) {

	public StandupSuggestions {
		yesterday = List.copyOf(yesterday);
		today = List.copyOf(today);
	}

}

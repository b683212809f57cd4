package dev.jiraai.jira.payload;

import java.time.OffsetDateTime;

/**
 * An issue as a search lists it.
 *
 * @param id its id
 * @param key its key
 * @param summary its summary
 * @param status its status
 * @param issueType its type name
 * @param priority its priority name, or {@code null}
 * @param assignee its assignee, or {@code null}
 * @param updated when it last changed
 */
public record IssueSummary(String id, String key, String summary, JiraStatus status, String issueType, String priority,
		JiraUser assignee, OffsetDateTime updated) {
}

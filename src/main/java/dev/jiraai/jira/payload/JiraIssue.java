package dev.jiraai.jira.payload;

import java.time.OffsetDateTime;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An issue with everything the assistant reads to understand it.
 *
 * @param id its id
 * @param key its key
 * @param projectKey its project's key
 * @param summary its summary
 * @param description its description as ADF, or {@code null}
 * @param descriptionMarkdown its description as compact Markdown (empty when there is
 * none)
 * @param issueType its type
 * @param status its status
 * @param priority its priority, or {@code null}
 * @param labels its labels
 * @param components its component names
 * @param assignee its assignee, or {@code null}
 * @param reporter its reporter, or {@code null}
 * @param created when it was created
 * @param updated when it last changed (part of the key of stored assessments)
 * @param parent its parent or epic, or {@code null}
 * @param subtasks its subtasks
 * @param links its links to other issues
 * @param comments its comments, oldest first
 */
public record JiraIssue(String id, String key, String projectKey, String summary, JsonNode description,
		String descriptionMarkdown, IssueType issueType, JiraStatus status, Priority priority, List<String> labels,
		List<String> components, JiraUser assignee, JiraUser reporter, OffsetDateTime created, OffsetDateTime updated,
		IssueRef parent, List<IssueRef> subtasks, List<IssueLink> links, List<JiraComment> comments) {
}

package dev.jiraai.jira.payload;

import java.util.List;
import java.util.Map;

import dev.jiraai.jira.IssueKey;
import dev.jiraai.jira.ProjectKey;

/**
 * An issue to create. Names are resolved against the project's create metadata before
 * anything is sent.
 *
 * @param projectKey the project
 * @param issueType the issue type name or id
 * @param summary the summary (at most 255 characters)
 * @param descriptionMarkdown the description as Markdown (mentions written
 * {@code @[Name](accountId)}), or {@code null}
 * @param priority the priority name, or {@code null} for the project's default
 * @param labels labels (no spaces, as Jira requires)
 * @param components component names
 * @param assigneeAccountId the assignee's account id, or {@code null}
 * @param parentKey the parent (epic of a story, issue of a subtask), or {@code null}
 * @param otherFields other fields by id, in Jira's wire format (e.g.
 * {@code customfield_10050} to a string)
 */
public record NewIssue(ProjectKey projectKey, String issueType, String summary, String descriptionMarkdown,
		String priority, List<String> labels, List<String> components, String assigneeAccountId, IssueKey parentKey,
		Map<String, Object> otherFields) {

	public NewIssue {
		labels = (labels == null) ? List.of() : List.copyOf(labels);
		components = (components == null) ? List.of() : List.copyOf(components);
		otherFields = (otherFields == null) ? Map.of() : Map.copyOf(otherFields);
	}

}

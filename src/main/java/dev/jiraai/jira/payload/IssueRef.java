package dev.jiraai.jira.payload;

/**
 * A short reference to another issue (parent, subtask, linked issue).
 *
 * @param id the issue id
 * @param key the issue key
 * @param summary its summary
 * @param status its status name
 * @param issueType its issue type name
 */
public record IssueRef(String id, String key, String summary, String status, String issueType) {
}

package dev.jiraai.jira.payload;

/**
 * A comment that was added.
 *
 * @param id its id
 * @param issueKey the issue it was added to
 */
public record PostedComment(String id, String issueKey) {
}

package dev.jiraai.jira.payload;

/**
 * A link from the issue to another, phrased from the issue's side ("is blocked by
 * SCRUM-2").
 *
 * @param type the link type name, e.g. {@code Blocks}
 * @param relation how the issue relates to the other, e.g. {@code is blocked by}
 * @param issue the other issue
 */
public record IssueLink(String type, String relation, IssueRef issue) {
}

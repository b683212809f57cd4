package dev.jiraai.jira.payload;

/**
 * A workflow status.
 *
 * @param id its id
 * @param name its name, e.g. {@code In Progress}
 * @param category its category key: {@code new}, {@code indeterminate} or {@code done}
 */
public record JiraStatus(String id, String name, String category) {
}

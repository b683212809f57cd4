package dev.jiraai.jira.payload;

/**
 * One value a field accepts.
 *
 * @param id its id
 * @param name its name or value as shown in Jira
 */
public record AllowedValue(String id, String name) {
}

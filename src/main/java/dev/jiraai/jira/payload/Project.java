package dev.jiraai.jira.payload;

/**
 * A Jira project.
 *
 * @param id its id
 * @param key its key, e.g. {@code SCRUM}
 * @param name its name
 */
public record Project(String id, String key, String name) {
}

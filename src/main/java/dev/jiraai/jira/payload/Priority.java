package dev.jiraai.jira.payload;

/**
 * An issue priority.
 *
 * @param id its id
 * @param name its name, e.g. {@code High}
 */
public record Priority(String id, String name) {
}

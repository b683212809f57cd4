package dev.jiraai.jira.payload;

/**
 * An issue type.
 *
 * @param id its id
 * @param name its name, e.g. {@code Bug}
 * @param subtask whether issues of this type live under a parent
 * @param hierarchyLevel 1 for epics, 0 for standard types, -1 for subtasks
 */
public record IssueType(String id, String name, boolean subtask, int hierarchyLevel) {
}

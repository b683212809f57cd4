package dev.jiraai.jira.payload;

import java.time.OffsetDateTime;

/**
 * Which version of an issue a user sees: enough to tell whether a stored answer about it
 * still applies.
 *
 * @param id the issue's id (stable when the issue moves and its key changes)
 * @param key the issue's key
 * @param updated when it last changed
 */
public record IssueVersion(String id, String key, OffsetDateTime updated) {
}

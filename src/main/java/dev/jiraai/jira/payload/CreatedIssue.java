package dev.jiraai.jira.payload;

import java.net.URI;

/**
 * An issue that was created.
 *
 * @param id its id
 * @param key its key
 * @param url where people open it
 */
public record CreatedIssue(String id, String key, URI url) {
}

package dev.jiraai.jira.payload;

import java.time.OffsetDateTime;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A comment on an issue.
 *
 * @param id the comment id
 * @param author who wrote it, or {@code null} when Jira does not say
 * @param body the body as ADF
 * @param bodyMarkdown the body as compact Markdown
 * @param created when it was written
 */
public record JiraComment(String id, JiraUser author, JsonNode body, String bodyMarkdown, OffsetDateTime created) {
}

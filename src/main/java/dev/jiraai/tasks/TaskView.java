package dev.jiraai.tasks;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A task as its user sees it ({@code GET /api/tasks/{taskId}}).
 *
 * @param taskId its id
 * @param kind what it does
 * @param status where it is
 * @param progress the latest stage reached, or {@code null} before the first
 * @param text the model's text so far, while the task runs
 * @param result the result, once completed: the same JSON the synchronous endpoint
 * answers
 * @param problem the RFC 9457 problem, once failed
 * @param createdAt when it started
 * @param updatedAt when it last changed
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TaskView(UUID taskId, String kind, TaskStatus status, Progress progress, String text, JsonNode result,
		JsonNode problem, Instant createdAt, Instant updatedAt) {

	/** A stage and what it means in plain words. */
	public record Progress(String stage, String message) {
	}

	/** The answer to a request that started the task. */
	public record Started(UUID taskId, String kind, TaskStatus status) {
	}

}

package dev.jiraai.chat;

import dev.jiraai.jira.IssueKey;
import dev.jiraai.jira.ProjectKey;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A message to the assistant ({@code POST /api/chat/send}).
 *
 * @param message what the user wrote
 * @param conversationId the conversation it continues; a new one without
 * @param outputFormat {@code markdown} (default) or {@code json}
 * @param context the issue or project the user asks from
 */
record ChatRequest(@NotBlank @Size(max = 10_000) String message,
		@Size(min = 1, max = 100) @Pattern(regexp = "[A-Za-z0-9_-]+") String conversationId,
		@Pattern(regexp = "markdown|json") String outputFormat, @Valid Context context) {

	/**
	 * Where the user asks from.
	 *
	 * @param issueKey the issue the assistant was opened from, or {@code null}
	 * @param projectKey the project, or {@code null}
	 */
	record Context(IssueKey issueKey, ProjectKey projectKey) {
	}

}

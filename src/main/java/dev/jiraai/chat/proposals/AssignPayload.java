package dev.jiraai.chat.proposals;

import dev.jiraai.jira.IssueKey;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/**
 * {@code chat.assign}: an assignment the assistant proposes.
 *
 * @param issueKey the issue
 * @param accountId the new assignee, a person Jira lets be assigned the issue
 * @param displayName their name, for the proposal card
 */
public record AssignPayload(@NotNull(message = "is required") IssueKey issueKey,
		@NotBlank(message = "is required") String accountId, String displayName) {

	/** The kind of these proposals. */
	public static final String KIND = "chat.assign";

}

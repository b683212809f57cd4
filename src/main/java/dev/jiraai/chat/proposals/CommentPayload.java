package dev.jiraai.chat.proposals;

import dev.jiraai.jira.IssueKey;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * {@code chat.comment}: a comment the assistant proposes, exactly as it will be posted.
 *
 * @param issueKey the issue
 * @param body the comment as Markdown, people mentioned as
 * {@code @[Display Name](accountId)}
 */
public record CommentPayload(@NotNull(message = "is required") IssueKey issueKey,
		@NotBlank(message = "is required") @Size(max = CommentPayload.MAX_BODY,
				message = "is longer than {max} characters") String body) {

	/** The kind of these proposals. */
	public static final String KIND = "chat.comment";

	/** Jira refuses larger text fields. */
	static final int MAX_BODY = 32_000;

}

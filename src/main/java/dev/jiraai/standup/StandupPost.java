package dev.jiraai.standup;

import java.time.LocalDate;
import java.util.List;

import dev.jiraai.jira.IssueKey;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * {@code standup.post}: the comments a stand-up posts, one per issue, exactly as they
 * will be posted; the user edits a body or drops a comment before confirming.
 *
 * @param date the stand-up's date
 * @param comments the comments, at most one per issue
 */
record StandupPost(@NotNull(message = "is required") LocalDate date,
		@NotNull(message = COUNT) @Size(min = 1, max = StandupPost.MAX_COMMENTS,
				message = COUNT) List<@Valid @NotNull(message = "is required") Comment> comments) {

	/** The kind of these proposals. */
	static final String KIND = "standup.post";

	/** Most comments one stand-up posts. */
	static final int MAX_COMMENTS = 20;

	private static final String COUNT = "must hold 1 to " + MAX_COMMENTS + " comments";

	/** Jira refuses larger text fields. */
	static final int MAX_BODY = 32_000;

	StandupPost {
		comments = (comments == null) ? null : List.copyOf(comments);
	}

	/**
	 * One comment.
	 *
	 * @param id its id in the proposal (the issue key when proposed); each write's
	 * request id derives from it
	 * @param issueKey the issue
	 * @param summary the issue's summary, as shown in the preview
	 * @param body the comment as Markdown, people mentioned as
	 * {@code @[Display Name](accountId)}
	 * @param blocked whether it carries the blocker
	 * @param flag whether the issue gets Jira's "Flagged" impediment once the comment is
	 * posted (only for a comment that carries the blocker)
	 */
	record Comment(
			@NotBlank(message = "is required") @Size(max = 100, message = "is longer than {max} characters") String id,
			@NotNull(message = "is required") IssueKey issueKey,
			@Size(max = 1000, message = "is longer than {max} characters") String summary,
			@NotBlank(message = "is required") @Size(max = MAX_BODY,
					message = "is longer than {max} characters") String body,
			boolean blocked, boolean flag) {
	}

}

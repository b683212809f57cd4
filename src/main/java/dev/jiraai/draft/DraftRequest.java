package dev.jiraai.draft;

import dev.jiraai.jira.IssueKey;
import dev.jiraai.jira.ProjectKey;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * What to draft from.
 *
 * @param text free text: a bug report, an idea, meeting notes, a requirement
 * @param projectKey the project
 * @param parentKey an optional parent issue (an epic, or the issue of a subtask)
 * @param mode {@code ticket}, {@code analysis} or {@code breakdown}
 * @param outputFormat {@code markdown} or {@code json}, for an analysis
 */
record DraftRequest(@NotBlank @Size(max = 8000) String text, @NotNull ProjectKey projectKey, IssueKey parentKey,
		@NotNull @Pattern(regexp = "ticket|analysis|breakdown") String mode,
		@Pattern(regexp = "markdown|json") String outputFormat) {

	String format() {
		return this.outputFormat == null ? "markdown" : this.outputFormat;
	}

}

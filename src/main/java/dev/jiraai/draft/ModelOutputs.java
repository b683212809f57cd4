package dev.jiraai.draft;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * The drafting prompts' answers, as their schemas describe them.
 */
final class ModelOutputs {

	private ModelOutputs() {
	}

	/** {@code ticket_creator}. */
	record Ticket(@NotBlank @Size(max = 255) String summary, @NotBlank String issueType, String priority,
			@NotNull List<String> labels, @NotNull List<String> components, String assigneeHint,
			@NotBlank String descriptionMarkdown, @NotNull List<String> acceptanceCriteria,
			@NotNull List<String> missingInformation) {
	}

	/** {@code ticket_breakdown}. */
	record Breakdown(@NotNull @Valid Epic epic, @NotNull @Size(min = 1, max = 12) List<@Valid Item> items,
			@NotNull List<String> openQuestions) {
	}

	record Epic(@NotBlank @Size(max = 255) String summary, @NotBlank String descriptionMarkdown,
			@NotNull List<String> acceptanceCriteria) {
	}

	record Item(@NotBlank String ref, @NotBlank @Size(max = 255) String summary, @NotBlank String issueType,
			@NotBlank String descriptionMarkdown, @NotNull List<String> acceptanceCriteria,
			@NotNull List<String> dependsOn, @NotBlank String complexity) {
	}

}

package dev.jiraai.assess;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/**
 * The assessor prompt's answer, as its schema describes it, checked again with Bean
 * Validation.
 */
record AssessorOutput(@NotNull @Valid Scores scores, @NotNull @Valid Reasons reasons, @NotNull List<String> gaps,
		@NotNull List<String> recommendations, @NotNull List<String> questions, @NotBlank String improvedDescription) {

	record Scores(@Min(1) @Max(10) int clarity, @Min(1) @Max(10) int completeness,
			@Min(1) @Max(10) int acceptanceCriteria, @Min(1) @Max(10) int estimability,
			@Min(1) @Max(10) int dependencies, @Min(1) @Max(10) int risk, @Min(1) @Max(10) int overall) {
	}

	record Reasons(@NotBlank String clarity, @NotBlank String completeness, @NotBlank String acceptanceCriteria,
			@NotBlank String estimability, @NotBlank String dependencies, @NotBlank String risk,
			@NotBlank String overall) {
	}

}

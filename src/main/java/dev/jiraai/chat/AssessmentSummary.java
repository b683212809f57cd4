package dev.jiraai.chat;

import java.util.stream.Collectors;

import dev.jiraai.assess.Assessment;

/**
 * An assessment as a short Markdown answer in the chat: the overall score, the scores
 * behind it, the top gaps and the first recommendations. The assessment's own text came
 * from the model about untrusted ticket text, so it is quoted as list items, never as
 * links or headings.
 */
final class AssessmentSummary {

	private static final int TOP = 3;

	private AssessmentSummary() {
	}

	static String markdown(Assessment assessment) {
		Assessment.Scores scores = assessment.scores();
		StringBuilder text = new StringBuilder();
		text.append("**%s**: overall **%d/10**%s%n%n".formatted(assessment.issueKey(), scores.overall(),
				assessment.cached() ? " (unchanged since its last assessment)" : ""));
		text.append(
				"Clarity %d · Completeness %d · Acceptance criteria %d · Estimability %d · Dependencies %d · Risk %d"
					.formatted(scores.clarity(), scores.completeness(), scores.acceptanceCriteria(),
							scores.estimability(), scores.dependencies(), scores.risk()));
		if (!assessment.gaps().isEmpty()) {
			text.append("\n\nTop gaps:\n")
				.append(assessment.gaps()
					.stream()
					.limit(TOP)
					.map(AssessmentSummary::item)
					.collect(Collectors.joining("\n")));
		}
		if (!assessment.recommendations().isEmpty()) {
			text.append("\n\nWhat would help:\n")
				.append(assessment.recommendations()
					.stream()
					.limit(TOP)
					.map(AssessmentSummary::item)
					.collect(Collectors.joining("\n")));
		}
		return text.toString();
	}

	/** One list item of model text, on one line and without Markdown links. */
	private static String item(String text) {
		String line = text.replaceAll("\\s+", " ").strip().replace("[", "\\[").replace("]", "\\]");
		return "- " + line;
	}

}

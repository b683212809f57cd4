package dev.jiraai.assess;

import java.util.List;

/**
 * Writes an assessment as the Markdown of a Jira comment (sent as ADF): the overall
 * score, a table of scores with their reasons, then gaps, recommendations and questions.
 */
final class AssessmentComment {

	private AssessmentComment() {
	}

	static String markdown(Assessment a) {
		StringBuilder text = new StringBuilder();
		text.append("### AI assessment: %d/10\n\n".formatted(a.scores().overall()));
		text.append(cell(a.reasons().overall())).append("\n\n");
		text.append("| Criterion | Score | Why |\n| --- | --- | --- |\n");
		row(text, "Clarity", a.scores().clarity(), a.reasons().clarity());
		row(text, "Completeness", a.scores().completeness(), a.reasons().completeness());
		row(text, "Acceptance criteria", a.scores().acceptanceCriteria(), a.reasons().acceptanceCriteria());
		row(text, "Estimability", a.scores().estimability(), a.reasons().estimability());
		row(text, "Dependencies", a.scores().dependencies(), a.reasons().dependencies());
		row(text, "Risk (10 = low)", a.scores().risk(), a.reasons().risk());
		list(text, "Gaps", a.gaps());
		list(text, "Recommendations", a.recommendations());
		list(text, "Questions for the reporter", a.questions());
		text.append("\n_Assessed by Jira AI Assistant (%s, prompt v%d)._\n".formatted(a.model(), a.promptVersion()));
		return text.toString();
	}

	private static void row(StringBuilder text, String criterion, int score, String reason) {
		text.append("| %s | %d/10 | %s |\n".formatted(criterion, score, cell(reason)));
	}

	private static void list(StringBuilder text, String title, List<String> items) {
		if (!items.isEmpty()) {
			text.append("\n**").append(title).append("**\n\n");
			items.forEach(item -> text.append("- ").append(item.strip().replace("\n", " ")).append('\n'));
		}
	}

	private static String cell(String text) {
		return text == null ? "" : text.strip().replace("\n", " ").replace("|", "\\|");
	}

}

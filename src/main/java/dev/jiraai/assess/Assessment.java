package dev.jiraai.assess;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.jiraai.ai.Masked;
import dev.jiraai.ai.ModelMarkdown;
import dev.jiraai.ai.SourceUrls;

/**
 * An assessment of an issue, as the panel shows it and the API returns it.
 *
 * @param id its id
 * @param issueKey the issue
 * @param scores 1 to 10 per criterion, higher is better (also for risk)
 * @param reasons a one-line reason per criterion
 * @param gaps what the issue lacks
 * @param recommendations concrete improvements
 * @param questions what to ask the reporter
 * @param improvedDescription a proposed description, Markdown
 * @param promptVersion the assessor prompt's version
 * @param model the model that wrote it
 * @param cached whether it was reused for an unchanged issue rather than written now
 * @param createdAt when it was written
 * @param masked how many secrets, e-mail addresses and phone numbers of the issue were
 * hidden from the model (none for assessments stored before it was counted)
 */
public record Assessment(UUID id, String issueKey, Scores scores, Reasons reasons, List<String> gaps,
		List<String> recommendations, List<String> questions, String improvedDescription, int promptVersion,
		String model, boolean cached, Instant createdAt, Masked masked) {

	public Assessment {
		masked = (masked == null) ? Masked.NONE : masked;
	}

	/**
	 * Scores, 1 to 10.
	 *
	 * @param clarity how clearly it says what is wanted
	 * @param completeness whether everything its type needs is there
	 * @param acceptanceCriteria whether done can be checked
	 * @param estimability whether a team can size it
	 * @param dependencies whether what it depends on is known and linked
	 * @param risk 10 when risks are low or handled, 1 when high and unaddressed
	 * @param overall the judgement over all of them
	 */
	public record Scores(int clarity, int completeness, int acceptanceCriteria, int estimability, int dependencies,
			int risk, int overall) {
	}

	/**
	 * One-line reasons per criterion.
	 *
	 * @param clarity why that clarity score
	 * @param completeness why that completeness score
	 * @param acceptanceCriteria why that acceptance criteria score
	 * @param estimability why that estimability score
	 * @param dependencies why that dependencies score
	 * @param risk why that risk score
	 * @param overall why that overall score
	 */
	public record Reasons(String clarity, String completeness, String acceptanceCriteria, String estimability,
			String dependencies, String risk, String overall) {
	}

	/**
	 * The assessment with links to URLs the sources did not contain, and all images, as
	 * plain text ({@link ModelMarkdown}).
	 */
	Assessment withoutForeignLinks(SourceUrls sources) {
		java.util.function.UnaryOperator<String> text = markdown -> ModelMarkdown.withoutForeignLinks(markdown,
				sources);
		Reasons r = this.reasons;
		return new Assessment(this.id, this.issueKey, this.scores,
				new Reasons(text.apply(r.clarity()), text.apply(r.completeness()), text.apply(r.acceptanceCriteria()),
						text.apply(r.estimability()), text.apply(r.dependencies()), text.apply(r.risk()),
						text.apply(r.overall())),
				ModelMarkdown.withoutForeignLinks(this.gaps, sources),
				ModelMarkdown.withoutForeignLinks(this.recommendations, sources),
				ModelMarkdown.withoutForeignLinks(this.questions, sources), text.apply(this.improvedDescription),
				this.promptVersion, this.model, this.cached, this.createdAt, this.masked);
	}

	Assessment asCached() {
		return new Assessment(this.id, this.issueKey, this.scores, this.reasons, this.gaps, this.recommendations,
				this.questions, this.improvedDescription, this.promptVersion, this.model, true, this.createdAt,
				this.masked);
	}

}

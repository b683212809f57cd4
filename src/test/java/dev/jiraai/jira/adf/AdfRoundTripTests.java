package dev.jiraai.jira.adf;

import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.jiraai.contracts.ContractSchemas;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Markdown to ADF to Markdown to ADF gives the same ADF, so that what a model reads back
 * from Jira is what was written there.
 *
 * <p>
 * Normalised, and so not compared: a mention's {@code accessLevel} (written as
 * {@code ""}, Jira sets its own) and whatever {@link MarkdownToAdf} already normalises on
 * the first conversion (whitespace at the edges of emphasis, {@code _} versus {@code *},
 * soft versus hard line breaks, link reference syntax).
 */
class AdfRoundTripTests {

	private final MarkdownToAdf toAdf = new MarkdownToAdf();

	private final AdfToMarkdown toMarkdown = new AdfToMarkdown();

	private final ObjectMapper json = new ObjectMapper();

	static List<String> corpus() {
		return AdfCorpus.names();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("corpus")
	void corpusSampleSurvivesTheRoundTrip(String sample) {
		ObjectNode first = this.toAdf.toAdf(AdfCorpus.markdown(sample));
		String markdown = this.toMarkdown.toMarkdown(first);
		ObjectNode second = this.toAdf.toAdf(markdown);

		assertThat(AdfOutline.of(second)).as("outline after the round trip through:%n%s", markdown)
			.isEqualTo(AdfOutline.of(first));
		assertThat(second).isEqualTo(first);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("corpus")
	void markdownOfCorpusSampleIsStable(String sample) {
		String markdown = this.toMarkdown.toMarkdown(this.toAdf.toAdf(AdfCorpus.markdown(sample)));

		assertThat(this.toMarkdown.toMarkdown(this.toAdf.toAdf(markdown))).isEqualTo(markdown);
	}

	@Test
	void jiraMentionSurvivesTheRoundTripExceptForItsAccessLevel() throws JsonProcessingException {
		JsonNode fromJira = this.json.readTree(
				"""
						{"type": "doc", "version": 1, "content": [{"type": "paragraph", "content": [
							{"type": "text", "text": "Over to "},
							{"type": "mention", "attrs": {"id": "5b10ac8d82e05b22cc7d4ef5", "text": "@Alana Grant", "accessLevel": "CONTAINER"}},
							{"type": "text", "text": " for review"}
						]}]}
						""");
		ContractSchemas.assertValidAdf(fromJira);

		ObjectNode back = this.toAdf.toAdf(this.toMarkdown.toMarkdown(fromJira));

		((ObjectNode) fromJira.at("/content/0/content/1/attrs")).put("accessLevel", "");
		assertThat(back).isEqualTo(fromJira);
	}

	@Test
	void jiraTextWithMarkdownCharactersSurvivesTheRoundTrip() throws JsonProcessingException {
		JsonNode fromJira = this.json.readTree(
				"""
						{"type": "doc", "version": 1, "content": [{"type": "paragraph", "content": [
							{"type": "text", "text": "# 1. *not* _markup_ `x` [a](b) <div> &amp; ~~y~~ \\\\ | snake_case [WIP]"},
							{"type": "hardBreak"},
							{"type": "text", "text": "- 2) > quote"},
							{"type": "hardBreak"},
							{"type": "text", "text": "---|---"}
						]}]}
						""");

		String markdown = this.toMarkdown.toMarkdown(fromJira);

		assertThat(this.toAdf.toAdf(markdown)).isEqualTo(fromJira);
		assertThat(markdown).contains("snake_case [WIP]");
	}

}

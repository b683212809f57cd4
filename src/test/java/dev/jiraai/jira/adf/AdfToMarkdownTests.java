package dev.jiraai.jira.adf;

import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.jiraai.contracts.ContractSchemas;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Converts ADF to Markdown for prompts: Markdown nodes become their Markdown, every other
 * node type of the schema degrades to readable text, and unknown node types keep their
 * text. Each fixture is checked against the ADF schema first (except the one with unknown
 * node types), so the tests use ADF that Jira can really hold.
 */
class AdfToMarkdownTests {

	private final AdfToMarkdown converter = new AdfToMarkdown();

	private final ObjectMapper json = new ObjectMapper();

	@Test
	void panelBecomesQuoteLabelledWithItsType() throws IOException {
		assertThat(markdownOfValidFixture("panel.json")).isEqualTo("""
				> **Warning:** Deploys are frozen until **Friday**.
				>
				> - Hotfixes need approval

				> **Info:**
				>
				> ### Heads up
				>
				> The panel starts with a heading.

				> **Note:** A custom panel.""");
	}

	@Test
	void expandBecomesBoldTitleThenContent() throws IOException {
		assertThat(markdownOfValidFixture("expand.json")).isEqualTo("""
				**Stack trace**

				```java
				java.lang.NullPointerException
				\tat Checkout.total(Checkout.java:212)
				```

				**Request**

				POST /api/v2/checkout

				An expand without a title.""");
	}

	@Test
	void statusDateEmojiAndCardBecomeText() throws IOException {
		assertThat(markdownOfValidFixture("inline-nodes.json")).isEqualTo("""
				Status [In Progress], due 2024-06-15 🚀 :party-parrot:
				Tracked in https://example.atlassian.net/browse/PROJ-42""");
	}

	@Test
	void mentionBecomesMentionSyntaxWithoutTheAtSignInItsName() throws IOException {
		assertThat(markdownOfValidFixture("mention.json")).isEqualTo("Thanks @[Alice Analyst](5b10a2844c20165700ede21g)"
				+ " and @[](557058:f58131cb-b67d-43c7-b30d-6b58d40bd077)!");
	}

	@Test
	void cardsBecomeTheirUrls() throws IOException {
		assertThat(markdownOfValidFixture("cards.json")).isEqualTo("""
				See https://example.atlassian.net/browse/PROJ-7

				https://github.com/example/repo/pull/12

				https://www.figma.com/file/abc123/Design""");
	}

	@Test
	void mediaBecomeAttachmentPlaceholders() throws IOException {
		assertThat(markdownOfValidFixture("media.json")).isEqualTo("""
				[attachment: login-error.png] The error on the login page

				[attachment: server.log] [attachment]

				[attachment: https://example.com/chart.png]

				Inline: [attachment: spec.pdf]""");
	}

	@Test
	void taskListBecomesCheckboxList() throws IOException {
		assertThat(markdownOfValidFixture("task-list.json")).isEqualTo("""
				- [ ] Write the migration
				- [x] Review by @[Carol](5b10ac8d82e05b22cc7d4ef5)
				  - [ ] Nested task""");
	}

	@Test
	void decisionListBecomesListOfDecisions() throws IOException {
		assertThat(markdownOfValidFixture("decision-list.json")).isEqualTo("""
				- Decision: Use **PostgreSQL** for the audit log
				- Decision: Ship behind a feature flag""");
	}

	@Test
	void layoutSectionBecomesItsColumnsInOrder() throws IOException {
		assertThat(markdownOfValidFixture("layout-section.json")).isEqualTo("""
				#### Pros

				Fast to build

				#### Cons

				- Harder to test""");
	}

	@Test
	void extensionsAndSyncBlocksKeepTheirTextOrNothing() throws IOException {
		assertThat(markdownOfValidFixture("extensions.json")).isEqualTo("""
				Jira issues macro

				Body of the extension

				Inline: build passing

				Synced content""");
	}

	@Test
	void unknownNodeTypesKeepTheirText() throws IOException {
		JsonNode document = fixture("future-node.json");
		assertThat(ContractSchemas.adfErrors(document)).isNotEmpty();

		assertThat(this.converter.toMarkdown(document)).isEqualTo("""
				A known paragraph inside

				Before nested \\*text\\* after

				deeply nested

				only an attribute""");
	}

	@Test
	void tableBecomesGfmTableWithEscapedPipesAndSingleLineCells() throws IOException {
		assertThat(markdownOfValidFixture("table.json")).isEqualTo("""
				| Field | Notes |
				| --- | :-: |
				| a \\| b | First paragraph second line |
				| `x\\|y` | - one - two |
				| | |

				| no | header |
				| --- | --- |""");
	}

	@Test
	void marksBecomeMarkdownAndMarksWithoutMarkdownKeepTheirText() throws IOException {
		assertThat(markdownOfValidFixture("marks.json"))
			.isEqualTo("underlined, red, H2O, highlighted, ~~gone~~, *italic*, ***both***, "
					+ "[`api`](https://example.com/api), [docs](https://example.com/docs \"The \\\"docs\\\"\"), "
					+ "<https://example.com> and **bold** trailing space.");
	}

	@Test
	void blocksBecomeMarkdownBlocks() throws IOException {
		assertThat(markdownOfValidFixture("blocks.json")).isEqualTo("""
				## Release \\#

				3. Build
				   ````bash
				   echo '```'
				   ````
				4. Deploy

				---

				> Line one
				> 1\\. not a list

				```
				```""");
	}

	@Test
	void everyNodeTypeOfTheSchemaHasARenderingRule() throws IOException {
		JsonNode schema = this.json.readTree(ContractSchemas.file("adf-full-schema.json").toFile());
		Set<String> schemaTypes = new TreeSet<>();
		for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("definitions").fields(); it.hasNext();) {
			Map.Entry<String, JsonNode> definition = it.next();
			if (definition.getKey().endsWith("_node")) {
				definition.getValue().at("/properties/type/enum").forEach((type) -> schemaTypes.add(type.asText()));
			}
		}

		assertThat(schemaTypes).hasSizeGreaterThan(40);
		assertThat(AdfToMarkdown.KNOWN_TYPES).containsAll(schemaTypes);
	}

	@Test
	void deeplyNestedDocumentKeepsItsTextInsteadOfExhaustingTheStack() {
		ObjectNode leaf = this.json.createObjectNode().put("type", "paragraph");
		leaf.putArray("content").addObject().put("type", "text").put("text", "deepest");
		ObjectNode node = leaf;
		for (int level = 0; level < 20_000; level++) {
			ObjectNode item = this.json.createObjectNode().put("type", "listItem");
			item.putArray("content").add(node);
			node = this.json.createObjectNode().put("type", (level % 2 == 0) ? "bulletList" : "futureNode");
			node.putArray("content").add(item);
		}
		ObjectNode doc = this.json.createObjectNode().put("type", "doc").put("version", 1);
		doc.putArray("content").add(node);

		assertThat(this.converter.toMarkdown(doc)).endsWith("deepest");
	}

	@Test
	void missingOrNullDocumentGivesEmptyText() {
		assertThat(this.converter.toMarkdown(null)).isEmpty();
		assertThat(this.converter.toMarkdown(NullNode.getInstance())).isEmpty();
		assertThat(this.converter.toMarkdown(MissingNode.getInstance())).isEmpty();
		assertThat(this.converter.toMarkdown(this.json.createArrayNode())).isEmpty();
		assertThat(this.converter.toMarkdown(this.json.createObjectNode())).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "snake_case_name", "2 * 3 = 6", "[WIP] and [ ]", "C:\\Users\\alice", "a < b > c", "AT&T",
			"50% off!", "~80 issues", "@here", "foo@example.com", "(see above)", "#hashtag in text" })
	void plainTextIsNotEscaped(String text) {
		assertThat(this.converter.toMarkdown(paragraph(text))).isEqualTo(text);
	}

	@ParameterizedTest
	@ValueSource(strings = { "*not emphasis*", "_not emphasis_", "`not code`", "[not](a-link)", "<div>", "&amp;",
			"# not a heading", "- not a list", "1. not a list", "> not a quote", "~~not struck~~", "---",
			"trailing backslash \\" })
	void textThatWouldBeMarkdownIsEscapedAndReadsBackTheSame(String text) {
		String markdown = this.converter.toMarkdown(paragraph(text));

		assertThat(markdown).isNotEqualTo(text);
		assertThat(new MarkdownToAdf().toAdf(markdown).at("/content/0/content/0/text").asText()).isEqualTo(text);
	}

	private JsonNode paragraph(String text) {
		return this.json.createObjectNode()
			.put("type", "doc")
			.put("version", 1)
			.set("content",
					this.json.createArrayNode()
						.add(this.json.createObjectNode()
							.put("type", "paragraph")
							.set("content", this.json.createArrayNode()
								.add(this.json.createObjectNode().put("type", "text").put("text", text)))));
	}

	private String markdownOfValidFixture(String name) throws IOException {
		JsonNode document = fixture(name);
		ContractSchemas.assertValidAdf(document);
		return this.converter.toMarkdown(document);
	}

	private JsonNode fixture(String name) throws IOException {
		try (InputStream in = getClass().getResourceAsStream("fixtures/" + name)) {
			assertThat(in).as("fixture %s", name).isNotNull();
			return this.json.readTree(in);
		}
	}

}

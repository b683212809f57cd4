package dev.jiraai.jira.adf;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.jiraai.contracts.ContractSchemas;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Converts Markdown to ADF: every corpus sample gives schema-valid ADF of the expected
 * shape, and the rules for mentions, links, images, marks and lists hold.
 */
class MarkdownToAdfTests {

	private final MarkdownToAdf converter = new MarkdownToAdf();

	static List<String> corpus() {
		return AdfCorpus.names();
	}

	@Test
	void corpusHasAtLeastThirtySamples() {
		assertThat(corpus()).hasSizeGreaterThanOrEqualTo(30);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("corpus")
	void convertsCorpusSampleToValidAdfOfTheExpectedShape(String sample) {
		ObjectNode doc = this.converter.toAdf(AdfCorpus.markdown(sample));

		ContractSchemas.assertValidAdf(doc);
		assertThat(AdfOutline.of(doc)).isEqualTo(AdfCorpus.expectedOutline(sample));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("corpus")
	void corpusSampleHasNoEmptyTextAndNoCodeCombinedWithOtherMarks(String sample) {
		ObjectNode doc = this.converter.toAdf(AdfCorpus.markdown(sample));

		for (JsonNode text : nodesOfType(doc, "text")) {
			assertThat(text.path("text").asText()).isNotEmpty();
			List<String> marks = markTypes(text);
			if (marks.contains("code")) {
				assertThat(marks).as("marks of %s", text).isSubsetOf("code", "link");
			}
		}
	}

	@ParameterizedTest
	@NullAndEmptySource
	@ValueSource(strings = { "   ", "\n\n\t \r\n" })
	void emptyOrBlankInputGivesDocumentWithEmptyContent(String markdown) {
		ObjectNode doc = this.converter.toAdf(markdown);

		ContractSchemas.assertValidAdf(doc);
		assertThat(doc.toString()).isEqualTo("{\"type\":\"doc\",\"version\":1,\"content\":[]}");
	}

	@ParameterizedTest
	@ValueSource(strings = { "> ", "- ", "1. ", "> - ", "*a " })
	void deeplyNestedMarkdownKeepsItsTextInsteadOfExhaustingTheStack(String level) {
		String markdown = level.repeat(20_000) + "deepest" + (level.equals("*a ") ? " a*".repeat(20_000) : "");

		ObjectNode doc = this.converter.toAdf(markdown);

		ContractSchemas.assertValidAdf(doc);
		assertThat(nodesOfType(doc, "text"))
			.anySatisfy((text) -> assertThat(text.path("text").asText()).contains("deepest"));
	}

	@Test
	void arbitraryMarkdownFragmentsAlwaysGiveValidAdf() {
		String[] fragments = { "word", " ", "**", "*", "_", "`", "~~", "[", "]", "](https://example.com)", "@",
				"@[Al Bo](5b10ab)", "\n", "\n\n", "- ", "1. ", "3) ", "> ", "# ", "|", "\\", "<b>", "&amp;", "!", "---",
				"```java\n", "![alt](https://example.com/i.png)", "[t](javascript:x)", "\t", "é", "😀", "  - ",
				"| a | b |\n|---|---|\n| c | d |\n", "<!-- c -->", "    " };
		Random random = new Random(42);
		for (int run = 0; run < 500; run++) {
			StringBuilder markdown = new StringBuilder();
			for (int i = random.nextInt(30); i >= 0; i--) {
				markdown.append(fragments[random.nextInt(fragments.length)]);
			}
			ObjectNode doc = this.converter.toAdf(markdown.toString());
			assertThat(ContractSchemas.adfErrors(doc)).as("ADF of %s", markdown).isEmpty();
		}
	}

	@Test
	void convertsConcurrentlyWithTheSameResults() throws Exception {
		List<String> samples = corpus();
		List<ObjectNode> expected = samples.stream()
			.map((sample) -> this.converter.toAdf(AdfCorpus.markdown(sample)))
			.toList();
		try (ExecutorService executor = Executors.newFixedThreadPool(8)) {
			List<Future<ObjectNode>> results = new ArrayList<>();
			for (int round = 0; round < 5; round++) {
				for (String sample : samples) {
					results.add(executor.submit(() -> this.converter.toAdf(AdfCorpus.markdown(sample))));
				}
			}
			for (int i = 0; i < results.size(); i++) {
				assertThat(results.get(i).get()).isEqualTo(expected.get(i % samples.size()));
			}
		}
	}

	@Nested
	class Mentions {

		@Test
		void mentionSyntaxBecomesMentionNodeWithAccountId() {
			ObjectNode doc = MarkdownToAdfTests.this.converter
				.toAdf("Please check, @[Alice Analyst](5b10a2844c20165700ede21g)!");

			ContractSchemas.assertValidAdf(doc);
			assertThat(doc.at("/content/0/content")).hasSize(3);
			assertThat(doc.at("/content/0/content/1").toString()).isEqualTo(
					"{\"type\":\"mention\",\"attrs\":{\"id\":\"5b10a2844c20165700ede21g\",\"text\":\"@Alice Analyst\",\"accessLevel\":\"\"}}");
			assertThat(doc.at("/content/0/content/0/text").asText()).isEqualTo("Please check, ");
			assertThat(doc.at("/content/0/content/2/text").asText()).isEqualTo("!");
		}

		@Test
		void mentionAcceptsAccountIdWithColon() {
			ObjectNode doc = MarkdownToAdfTests.this.converter
				.toAdf("@[Bob](557058:f58131cb-b67d-43c7-b30d-6b58d40bd077)");

			assertThat(doc.at("/content/0/content/0/attrs/id").asText())
				.isEqualTo("557058:f58131cb-b67d-43c7-b30d-6b58d40bd077");
		}

		@Test
		void mentionInsideInlineCodeStaysCodeText() {
			ObjectNode doc = MarkdownToAdfTests.this.converter.toAdf("`@[Alice](5b10a2844c20165700ede21g)`");

			assertThat(nodesOfType(doc, "mention")).isEmpty();
			assertThat(doc.at("/content/0/content/0/text").asText()).isEqualTo("@[Alice](5b10a2844c20165700ede21g)");
			assertThat(markTypes(doc.at("/content/0/content/0"))).containsExactly("code");
		}

		@Test
		void emailAddressesAndBareAtSignsAreUntouched() {
			ObjectNode doc = MarkdownToAdfTests.this.converter.toAdf("Mail bob@example.com, ping @here or @[nobody].");

			assertThat(nodesOfType(doc, "mention")).isEmpty();
			assertThat(doc.at("/content/0/content/0/text").asText())
				.isEqualTo("Mail bob@example.com, ping @here or @[nobody].");
		}

		@Test
		void atSignBeforeLinkWithUrlKeepsTheLink() {
			ObjectNode doc = MarkdownToAdfTests.this.converter.toAdf("@[Alice](https://example.com/alice)");

			assertThat(nodesOfType(doc, "mention")).isEmpty();
			assertThat(doc.at("/content/0/content/1/marks/0/attrs/href").asText())
				.isEqualTo("https://example.com/alice");
		}

	}

	@Nested
	class Links {

		@Test
		void javascriptLinkBecomesPlainText() {
			ObjectNode doc = MarkdownToAdfTests.this.converter.toAdf("Do not [click me](javascript:alert(1)) now.");

			ContractSchemas.assertValidAdf(doc);
			assertThat(doc.at("/content/0/content").toString())
				.isEqualTo("[{\"type\":\"text\",\"text\":\"Do not click me now.\"}]");
		}

		@ParameterizedTest
		@ValueSource(strings = { "javascript:alert(1)", "JavaScript:alert(1)", "data:text/html,x", "vbscript:x",
				"file:///etc/passwd", "ftp://example.com", "docs/page.html", "/absolute/path", "#anchor",
				"//evil.example.com" })
		void onlyHttpHttpsAndMailtoTargetsBecomeLinks(String href) {
			ObjectNode doc = MarkdownToAdfTests.this.converter.toAdf("[text](<" + href + ">)");

			assertThat(nodesOfType(doc, "text")).allSatisfy((text) -> assertThat(text.has("marks")).isFalse());
		}

		@ParameterizedTest
		@ValueSource(strings = { "https://example.com/a?b=c", "http://example.com", "HTTPS://EXAMPLE.COM",
				"mailto:team@example.com" })
		void httpHttpsAndMailtoTargetsBecomeLinkMarks(String href) {
			ObjectNode doc = MarkdownToAdfTests.this.converter.toAdf("[text](" + href + " \"Title\")");

			ContractSchemas.assertValidAdf(doc);
			assertThat(doc.at("/content/0/content/0/marks/0").toString())
				.isEqualTo("{\"type\":\"link\",\"attrs\":{\"href\":\"" + href + "\",\"title\":\"Title\"}}");
		}

	}

	@Nested
	class Images {

		@Test
		void imageBecomesItsAltTextWithoutALinkAndNoMedia() {
			ObjectNode doc = MarkdownToAdfTests.this.converter
				.toAdf("![Architecture diagram](https://example.com/diagram.png)");

			ContractSchemas.assertValidAdf(doc);
			assertThat(nodesOfType(doc, "media", "mediaSingle", "mediaGroup", "mediaInline")).isEmpty();
			assertThat(doc.at("/content/0/content").toString())
				.isEqualTo("[{\"type\":\"text\",\"text\":\"Architecture diagram\"}]");
		}

		@Test
		void imageWithUnsafeSourceKeepsOnlyItsAltText() {
			ObjectNode doc = MarkdownToAdfTests.this.converter.toAdf("See ![pixel](javascript:alert(1)) here");

			assertThat(doc.at("/content/0/content").toString())
				.isEqualTo("[{\"type\":\"text\",\"text\":\"See pixel here\"}]");
		}

	}

	@Nested
	class Marks {

		@Test
		void codeMarkIsNeverCombinedWithStrongOrEm() {
			ObjectNode doc = MarkdownToAdfTests.this.converter.toAdf("***bold italic `code` inside***");

			ContractSchemas.assertValidAdf(doc);
			assertThat(nodesOfType(doc, "text")).extracting(MarkdownToAdfTests::markTypes)
				.containsExactly(List.of("strong", "em"), List.of(), List.of("code"), List.of(),
						List.of("strong", "em"));
		}

		@Test
		void codeInsideLinkKeepsTheLink() {
			ObjectNode doc = MarkdownToAdfTests.this.converter.toAdf("[**see** `api`](https://example.com)");

			assertThat(nodesOfType(doc, "text")).extracting(MarkdownToAdfTests::markTypes)
				.containsExactly(List.of("strong", "link"), List.of("link"), List.of("code", "link"));
		}

		@Test
		void doubleTildesBecomeStrikeMark() {
			ObjectNode doc = MarkdownToAdfTests.this.converter.toAdf("~~gone~~ but ~kept~");

			assertThat(markTypes(doc.at("/content/0/content/0"))).containsExactly("strike");
			assertThat(doc.at("/content/0/content/1/text").asText()).isEqualTo(" but ~kept~");
		}

		@Test
		void lineBreaksInParagraphsBecomeHardBreaks() {
			ObjectNode doc = MarkdownToAdfTests.this.converter
				.toAdf("Given a sprint\nWhen I export  \nThen I get a file");

			assertThat(doc.at("/content/0/content")).extracting((node) -> node.path("type").asText())
				.containsExactly("text", "hardBreak", "text", "hardBreak", "text");
		}

		@Test
		void rawHtmlStaysLiteralText() {
			ObjectNode doc = MarkdownToAdfTests.this.converter.toAdf("<script>alert(1)</script>\n\nA <b>bold</b> tag");

			assertThat(nodesOfType(doc, "text")).extracting((node) -> node.path("text").asText())
				.containsExactly("<script>alert(1)</script>", "A <b>bold</b> tag");
		}

	}

	@Nested
	class Blocks {

		@Test
		void nestedOrderedListKeepsItsStartNumber() {
			ObjectNode doc = MarkdownToAdfTests.this.converter.toAdf("1. one\n\n   4. four\n   5. five\n2. two");

			ContractSchemas.assertValidAdf(doc);
			assertThat(doc.at("/content/0/attrs").isMissingNode()).isTrue();
			assertThat(doc.at("/content/0/content/0/content/1/type").asText()).isEqualTo("orderedList");
			assertThat(doc.at("/content/0/content/0/content/1/attrs/order").asInt()).isEqualTo(4);
		}

		@Test
		void headingInsideQuoteBecomesBoldParagraph() {
			ObjectNode doc = MarkdownToAdfTests.this.converter.toAdf("> ## Note\n> text");

			ContractSchemas.assertValidAdf(doc);
			assertThat(doc.at("/content/0/content/0/type").asText()).isEqualTo("paragraph");
			assertThat(markTypes(doc.at("/content/0/content/0/content/0"))).containsExactly("strong");
		}

		@Test
		void fencedCodeBlockKeepsLanguageAndText() {
			ObjectNode doc = MarkdownToAdfTests.this.converter.toAdf("```kotlin {.numberLines}\nval x = 1\n```");

			assertThat(doc.at("/content/0").toString()).isEqualTo(
					"{\"type\":\"codeBlock\",\"attrs\":{\"language\":\"kotlin\"},\"content\":[{\"type\":\"text\",\"text\":\"val x = 1\"}]}");
		}

		@Test
		void tableHeaderRowBecomesTableHeaderCells() {
			ObjectNode doc = MarkdownToAdfTests.this.converter.toAdf("| A | B |\n|---|---|\n| 1 | |");

			ContractSchemas.assertValidAdf(doc);
			assertThat(doc.at("/content/0/content/0/content")).extracting((cell) -> cell.path("type").asText())
				.containsExactly("tableHeader", "tableHeader");
			assertThat(doc.at("/content/0/content/1/content")).extracting((cell) -> cell.path("type").asText())
				.containsExactly("tableCell", "tableCell");
			assertThat(doc.at("/content/0/content/1/content/1/content/0").toString())
				.isEqualTo("{\"type\":\"paragraph\",\"content\":[]}");
		}

	}

	static List<JsonNode> nodesOfType(JsonNode root, String... types) {
		List<JsonNode> found = new ArrayList<>();
		collect(root, List.of(types), found);
		return found;
	}

	private static void collect(JsonNode node, List<String> types, List<JsonNode> found) {
		if (types.contains(node.path("type").asText())) {
			found.add(node);
		}
		for (JsonNode child : node.path("content")) {
			collect(child, types, found);
		}
	}

	static List<String> markTypes(JsonNode node) {
		List<String> types = new ArrayList<>();
		node.path("marks").forEach((mark) -> types.add(mark.path("type").asText()));
		return types;
	}

}

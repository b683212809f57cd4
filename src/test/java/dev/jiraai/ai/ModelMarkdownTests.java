package dev.jiraai.ai;

import java.util.List;

import dev.jiraai.jira.adf.MarkdownToAdf;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Links in a model's Markdown stay links only when its sources contained them; anything
 * else, and every image, becomes text that neither the panel nor Jira links.
 */
class ModelMarkdownTests {

	private static final SourceUrls issue = SourceUrls
		.in(List.of("See [the spec](https://wiki.example.com/spec/) and https://status.example.com/incident/7.",
				"Mail ops@example.com for access."));

	private static String clean(String markdown) {
		return ModelMarkdown.withoutForeignLinks(markdown, issue);
	}

	@Test
	void aLinkTheIssueContainedStaysALink() {
		String markdown = "Read [the spec](https://wiki.example.com/spec) and https://status.example.com/incident/7";

		assertThat(clean(markdown)).isSameAs(markdown);
	}

	@Test
	void anInventedLinkBecomesItsTextAndTheUrlAsCode() {
		assertThat(clean("Please [verify your account](https://attacker.example/login?u=1) now."))
			.isEqualTo("Please verify your account (`attacker.example/login?u=1`) now.");
	}

	@Test
	void autolinksBareUrlsAndEmailsTheIssueDidNotContainBecomeCode() {
		assertThat(clean("Go to <https://attacker.example/a>, https://attacker.example/b, www.attacker.example or "
				+ "evil@attacker.example."))
			.isEqualTo("Go to `attacker.example/a`, `attacker.example/b`, `www.attacker.example` or "
					+ "`evil@attacker.example`.");
	}

	@Test
	void everyImageBecomesItsAltTextEvenFromAKnownHost() {
		assertThat(clean("![chart](https://wiki.example.com/spec) and ![pixel](https://attacker.example/p.gif)!"))
			.isEqualTo("chart and pixel!");
	}

	@Test
	void anImageInsideAKnownLinkLeavesTheLinkWithTheAltText() {
		assertThat(clean("[![Spec](https://attacker.example/badge.svg)](https://wiki.example.com/spec)"))
			.isEqualTo("[Spec](https://wiki.example.com/spec)");
	}

	@Test
	void workInTablesListsAndEmphasis() {
		String markdown = """
				| Step | Where |
				| --- | --- |
				| Log in | [portal](https://attacker.example/x) |

				- **Open https://attacker.example/y first**
				""";

		assertThat(clean(markdown)).isEqualTo("""
				| Step | Where |
				| --- | --- |
				| Log in | portal (`attacker.example/x`) |

				- **Open `attacker.example/y` first**
				""");
	}

	@Test
	void leavesCodeMentionsAndKnownEmailsAlone() {
		String markdown = "Run `curl https://attacker.example` as @[Bob](5b10ac8d82e05b22cc7d4ef5), ask ops@example.com";

		assertThat(clean(markdown)).isSameAs(markdown);
	}

	@Test
	void escapesTheTextAroundARewrittenUrlSoItMeansNothingElse() {
		assertThat(clean("a_b *c* https://attacker.example [x]")).isEqualTo("a_b *c* `attacker.example` \\[x\\]");
	}

	@Test
	void theResultHasNoLinkToTheForeignHostInJiraAdf() {
		String adf = new MarkdownToAdf()
			.toAdf(clean("[a](https://attacker.example) <https://attacker.example/b> ![i](https://attacker.example/i) "
					+ "[spec](https://wiki.example.com/spec)"))
			.toString();

		assertThat(adf).doesNotContain("\"href\":\"https://attacker.example")
			.doesNotContain("media")
			.contains("\"href\":\"https://wiki.example.com/spec\"");
	}

}

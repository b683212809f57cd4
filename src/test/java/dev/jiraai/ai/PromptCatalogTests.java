package dev.jiraai.ai;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.jiraai.tenancy.Site;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/**
 * The prompt catalog: packaged prompts, an external folder that overrides and reloads
 * them, site overrides.
 */
class PromptCatalogTests {

	private static final Site SITE = new Site("site-a", URI.create("https://a.atlassian.net"),
			URI.create("https://a.atlassian.net"), "jira", null);

	private final PromptOverrides overrides = mock(PromptOverrides.class);

	private Instant now = Instant.parse("2026-11-21T10:00:00Z");

	private PromptCatalog catalog(String directory) {
		when(this.overrides.body(any(), any())).thenReturn(Optional.empty());
		AiProperties properties = new AiProperties(null, null, URI.create("https://api.openai.com"), "m",
				Duration.ofSeconds(5), 3, Duration.ZERO, "json-schema", new AiProperties.Budget(0, 0), Map.of(),
				new AiProperties.Encryption(null, List.of()),
				new AiProperties.Prompts(directory, true, Duration.ofSeconds(2)));
		Clock clock = new Clock() {
			@Override
			public java.time.ZoneId getZone() {
				return ZoneOffset.UTC;
			}

			@Override
			public Clock withZone(java.time.ZoneId zone) {
				return this;
			}

			@Override
			public Instant instant() {
				return PromptCatalogTests.this.now;
			}
		};
		return new PromptCatalog(properties, this.overrides, Optional.of(clock));
	}

	private static String prompt(int version, String body) {
		return """
				---
				id: intent_classifier
				version: %d
				description: Test copy.
				role: user
				output:
				  format: text
				variables: []
				---
				%s
				""".formatted(version, body);
	}

	@Test
	void loadsThePackagedPrompts() {
		PromptCatalog catalog = catalog("");

		assertThat(catalog.ids()).contains("intent_classifier", "intent_classifier.system", "ticket_assessor",
				"ticket_assessor.system", "ticket_creator", "requirement_analyzer");
		assertThatExceptionOfType(PromptException.class).isThrownBy(() -> catalog.get("nope"));
	}

	@Test
	void anExternalFolderOverridesAndReloadsWithoutRestart(@TempDir Path folder) throws Exception {
		Path file = folder.resolve("intent_classifier.md");
		Files.writeString(file, prompt(7, "First text."));
		PromptCatalog catalog = catalog(folder.toString());
		assertThat(catalog.get("intent_classifier").version()).isEqualTo(7);

		Files.writeString(file, prompt(8, "Second text."));
		Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2030-01-01T00:00:00Z")));
		assertThat(catalog.get("intent_classifier").version()).as("not before the reload interval").isEqualTo(7);
		this.now = this.now.plusSeconds(3);

		assertThat(catalog.get("intent_classifier").version()).isEqualTo(8);
		assertThat(catalog.get("intent_classifier").body()).contains("Second text.");
	}

	@Test
	void aBrokenEditKeepsThePreviousVersion(@TempDir Path folder) throws Exception {
		Path file = folder.resolve("intent_classifier.md");
		Files.writeString(file, prompt(7, "First text."));
		PromptCatalog catalog = catalog(folder.toString());

		Files.writeString(file, prompt(8, "Uses {{undeclared}}."));
		Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2030-01-01T00:00:00Z")));
		this.now = this.now.plusSeconds(3);

		assertThat(catalog.get("intent_classifier").version()).isEqualTo(7);
	}

	@Test
	void aSiteOverrideReplacesTheBody() {
		PromptCatalog catalog = catalog("");
		String body = catalog.get("intent_classifier").body().replace("Classify", "Please classify");
		when(this.overrides.body(SITE, "intent_classifier")).thenReturn(Optional.of(body));

		PromptTemplate forSite = catalog.get(SITE, "intent_classifier");

		assertThat(forSite.body()).contains("Please classify");
		assertThat(forSite.source()).isEqualTo("site:site-a");
		assertThat(forSite.version()).isEqualTo(catalog.get("intent_classifier").version());
	}

}

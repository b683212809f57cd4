package dev.jiraai.assess;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jiraai.contracts.ContractSchemas;
import dev.jiraai.support.AppTestSupport;
import dev.jiraai.support.FakeOpenAi;
import dev.jiraai.support.SimulatedSite;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The panel in a real browser (Playwright driving Debian's Chromium, headless), loaded the way Jira loads it: the
 * Connect page URL with a signed iframe JWT and the local stand-in for Jira's {@code all.js}. Clicks Assess, sees the
 * streamed text and the scorecard, confirms "Post as comment", and the simulated site receives exactly one
 * spec-valid comment. Saves {@code docs/img/assess-panel.png} for the README.
 */
class AssessPanelBrowserTests extends AppTestSupport {

	private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM_PATH", "/usr/bin/chromium"));

	private static final Path SCRIPT = Path.of("frontend/e2e/assess-panel.mjs");

	private static final Path SCREENSHOT = Path.of("docs/img/assess-panel.png");

	@Test
	void assessesStreamsAndPostsOneConfirmedComment() throws Exception {
		boolean ci = System.getenv("CI") != null;
		assumeTrue(ci || Files.isExecutable(CHROMIUM),
				"Chromium is not installed here (apt-get install chromium); CI installs it and always runs this test");
		assertThat(CHROMIUM).as("Chromium for the browser test").isExecutable();
		assertThat(Path.of("frontend/node_modules/playwright-core")).as("playwright-core (npm ci in frontend)").exists();

		SimulatedSite site = installedSite("browser");
		String alice = site.user("Alice");
		int half = AssessTestData.VALID.length() / 2;
		openAi.reply(new FakeOpenAi.Trickled(Duration.ofMillis(1500), new FakeOpenAi.Text(
				List.of(AssessTestData.VALID.substring(0, half), AssessTestData.VALID.substring(half)), 900, 400)));
		String path = "/connect/issue-panel?issueKey=SCRUM-1&issueId=10010&projectKey=SCRUM";
		String jwt = site.iframeJwt(alice, "GET", path);
		Files.createDirectories(SCREENSHOT.getParent());

		Process process = new ProcessBuilder("node", SCRIPT.toString(), appBaseUrl() + path + "&jwt=" + jwt,
				SCREENSHOT.toString())
			.redirectErrorStream(true)
			.start();
		boolean finished = process.waitFor(120, TimeUnit.SECONDS);
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!finished) {
			process.destroyForcibly();
		}

		assertThat(finished).as("the browser walk-through finished: %s", output).isTrue();
		assertThat(process.exitValue()).as(output).isZero();
		assertThat(output).contains("streamed text seen").contains("comment confirmed");
		assertThat(site.calls("POST", "/rest/api/3/issue/SCRUM-1/comment")).singleElement()
			.satisfies(call -> assertThat(call.caller()).isEqualTo(alice));
		JsonNode comments = site.data().issue("SCRUM-1").orElseThrow().path("comments");
		ContractSchemas.assertValidAdf(comments.get(comments.size() - 1).path("body"));
		assertThat(SCREENSHOT).exists();
	}

}

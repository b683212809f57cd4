package dev.jiraai.assess;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jiraai.contracts.ContractSchemas;
import dev.jiraai.support.AppTestSupport;
import dev.jiraai.support.BrowserWalkthrough;
import dev.jiraai.support.FakeOpenAi;
import dev.jiraai.support.SimulatedSite;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The panel in a real browser (Playwright driving Debian's Chromium, headless), loaded
 * the way Jira loads it: the Connect page URL with a signed iframe JWT and the local
 * stand-in for Jira's {@code all.js}. Clicks Assess, sees the streamed text and the
 * scorecard, confirms "Post as comment", and the simulated site receives exactly one
 * spec-valid comment. Saves {@code target/screenshots/assess-panel.png} (copied to
 * {@code docs/img} for the README by hand, so a build never rewrites committed files).
 */
class AssessPanelBrowserTests extends AppTestSupport {

	@Test
	void assessesStreamsAndPostsOneConfirmedComment() throws Exception {
		SimulatedSite site = installedSite("browser");
		String alice = site.user("Alice");
		int half = AssessTestData.VALID.length() / 2;
		openAi.reply(new FakeOpenAi.Trickled(Duration.ofMillis(1500), new FakeOpenAi.Text(
				List.of(AssessTestData.VALID.substring(0, half), AssessTestData.VALID.substring(half)), 900, 400)));
		String path = "/connect/issue-panel?issueKey=SCRUM-1&issueId=10010&projectKey=SCRUM";

		String output = BrowserWalkthrough.run("assess-panel.mjs",
				appBaseUrl() + path + "&jwt=" + site.iframeJwt(alice, "GET", path),
				Path.of("target/screenshots/assess-panel.png"));

		assertThat(output).contains("streamed text seen").contains("comment confirmed");
		assertThat(site.calls("POST", "/rest/api/3/issue/SCRUM-1/comment")).singleElement()
			.satisfies(call -> assertThat(call.caller()).isEqualTo(alice));
		JsonNode comments = site.data().issue("SCRUM-1").orElseThrow().path("comments");
		ContractSchemas.assertValidAdf(comments.get(comments.size() - 1).path("body"));
	}

}

package dev.jiraai.draft;

import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jiraai.contracts.ContractSchemas;
import dev.jiraai.support.AppTestSupport;
import dev.jiraai.support.BrowserWalkthrough;
import dev.jiraai.support.SimulatedSite;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Draft with AI dialog in a real browser, loaded as Jira opens it: type a bug report,
 * review the draft, fill the field the project's create screen requires, edit the
 * summary, confirm; the simulated site receives exactly one spec-valid create, made as
 * the user, with the edits. Saves {@code target/screenshots/draft-dialog.png} (copied to
 * {@code docs/img} for the README by hand, so a build never rewrites committed files).
 */
class DraftDialogBrowserTests extends AppTestSupport {

	@Test
	void draftsReviewsEditsAndCreatesOneIssue() throws Exception {
		SimulatedSite site = installedSite("draft-browser");
		String alice = site.user("Alice");
		openAi.reply(DraftTestData.BUG);
		String path = "/connect/draft?projectKey=SCRUM&issueKey=SCRUM-1";
		int before = site.data().issues().size();

		String output = BrowserWalkthrough.run("draft-dialog.mjs",
				appBaseUrl() + path + "&jwt=" + site.iframeJwt(alice, "GET", path),
				Path.of("target/screenshots/draft-dialog.png"));

		assertThat(output).contains("draft shown").contains("draft edited").contains("created: ");
		assertThat(site.data().issues()).hasSize(before + 1);
		assertThat(site.calls("POST", "/rest/api/3/issue")).singleElement()
			.satisfies(call -> assertThat(call.caller()).isEqualTo(alice));
		JsonNode created = site.data().issues().get(site.data().issues().size() - 1);
		assertThat(created.path("summary").asText()).isEqualTo("Safari 17: Pay now does nothing at checkout");
		assertThat(created.toString()).contains("macOS 14.5, Safari 17.1");
		ContractSchemas.assertValidAdf(created.path("description"));
	}

}

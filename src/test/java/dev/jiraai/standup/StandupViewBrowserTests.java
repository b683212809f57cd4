package dev.jiraai.standup;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jiraai.contracts.ContractSchemas;
import dev.jiraai.support.AppTestSupport;
import dev.jiraai.support.BrowserWalkthrough;
import dev.jiraai.support.SimulatedSite;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stand-up view of the AI Assistant page in a real browser, loaded as Jira opens a
 * Connect general page: Jira's suggestions under the questions (what Alice changed
 * yesterday in her own time zone, her work in progress), answers typed, saved, the
 * comments previewed with the blocker's mention as a name, one edited, then posted with a
 * double click. The simulated site receives exactly one spec-valid comment on each issue,
 * as Alice, the blocker's with a real mention of Bob. Saves
 * {@code target/screenshots/standup-view.png} (copied to {@code docs/img} for the README
 * by hand).
 */
class StandupViewBrowserTests extends AppTestSupport {

	@Test
	void suggestsSavesPreviewsAndPostsEachCommentOnceAsTheUser() throws Exception {
		SimulatedSite site = installedSite("standup-browser");
		String alice = site.user("Alice");
		String bob = site.user("Bob");
		ZoneId berlin = ZoneId.of("Europe/Berlin");
		LocalDate today = clock.instant().atZone(berlin).toLocalDate();
		Instant yesterdayNoon = today.minusDays(1).atTime(12, 0).atZone(berlin).toInstant();
		site.timeZone(alice, berlin).activity("SCRUM-1", alice, yesterdayNoon);
		String path = "/connect/assistant";

		String output = BrowserWalkthrough.run("standup-view.mjs",
				appBaseUrl() + path + "?jwt=" + site.iframeJwt(alice, "GET", path),
				Path.of("target/screenshots/standup-view.png"));

		assertThat(output).contains("suggested for yesterday: SCRUM-1").contains("suggested for today: SCRUM-2");
		assertThat(output).contains("SCRUM-2 comment: ").contains("@Bob Builder");
		assertThat(site.calls("POST", "/rest/api/3/issue/SCRUM-1/comment")).singleElement()
			.satisfies(call -> assertThat(call.caller()).isEqualTo(alice));
		assertThat(site.calls("POST", "/rest/api/3/issue/SCRUM-2/comment")).singleElement()
			.satisfies(call -> assertThat(call.caller()).isEqualTo(alice));
		JsonNode edited = last(site.data().issue("SCRUM-1").orElseThrow().path("comments")).path("body");
		ContractSchemas.assertValidAdf(edited);
		assertThat(String.join("", edited.findValuesAsText("text"))).contains("released at 10:00");
		JsonNode blocker = last(site.data().issue("SCRUM-2").orElseThrow().path("comments")).path("body");
		ContractSchemas.assertValidAdf(blocker);
		assertThat(blocker.findValues("attrs"))
			.anySatisfy(attrs -> assertThat(attrs.path("id").asText()).isEqualTo(bob));
	}

	private static JsonNode last(JsonNode array) {
		return array.get(array.size() - 1);
	}

}

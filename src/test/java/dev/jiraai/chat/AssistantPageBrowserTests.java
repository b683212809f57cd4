package dev.jiraai.chat;

import java.nio.file.Path;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jiraai.contracts.ContractSchemas;
import dev.jiraai.support.AppTestSupport;
import dev.jiraai.support.BrowserWalkthrough;
import dev.jiraai.support.FakeOpenAi;
import dev.jiraai.support.SimulatedSite;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The AI Assistant page in a real browser, loaded as Jira opens a Connect general page:
 * the greeting, "what am I working on?", a comment telling Bob Builder the fix is
 * deployed (a card with the mention, confirmed), and a transition to Done whose required
 * Resolution the user picks on the card. The simulated site receives exactly one
 * spec-valid comment with a real mention and one transition, both as the user. Then the
 * page again in the dark theme at 360 px, from the keyboard: the conversations behind
 * their button, the earlier conversation reopened, a second comment declined. Saves
 * {@code target/screenshots/assistant-page.png} (copied to {@code docs/img} for the
 * README by hand, so a build never rewrites committed files).
 */
class AssistantPageBrowserTests extends AppTestSupport {

	@Test
	void greetsListsProposesAndCarriesOutAConfirmedCommentAndTransition() throws Exception {
		SimulatedSite site = installedSite("assistant-browser");
		String alice = site.user("Alice");
		String bob = site.user("Bob");
		// Alice gave her stand-up today (its flow is tested on its own): her first
		// message is answered at once.
		assertThat(post("/api/standup/snooze", "JWT " + site.contextJwt(alice), null, "application/json").statusCode())
			.isEqualTo(204);
		openAi.reply(ChatApiTests.GENERAL)
			.reply(new FakeOpenAi.ToolCalls(Map.of("myIssues", "{}")))
			.reply("You are working on **SCRUM-2**, *Checkout button does nothing on Safari 17* (In Progress).")
			.reply(ChatApiTests.GENERAL)
			.reply(new FakeOpenAi.ToolCalls(Map.of("proposeComment",
					"{\"issueKey\": \"SCRUM-2\", \"body\": \"@Bob Builder the fix is deployed.\", "
							+ "\"mentionNames\": [\"Bob Builder\"]}")))
			.reply("Here is the comment for SCRUM-2. Confirm it to post it.")
			.reply("I posted the comment on SCRUM-2.")
			.reply(ChatApiTests.GENERAL)
			.reply(new FakeOpenAi.ToolCalls(
					Map.of("proposeTransition", "{\"issueKey\": \"SCRUM-1\", \"transition\": \"Done\"}")))
			.reply("Choose the Resolution on the card, then confirm.")
			.reply("SCRUM-1 is Done.")
			.reply(ChatApiTests.GENERAL)
			.reply(new FakeOpenAi.ToolCalls(
					Map.of("proposeComment", "{\"issueKey\": \"SCRUM-2\", \"body\": \"QA starts tomorrow.\"}")))
			.reply("Here is the comment for SCRUM-2. Confirm it to post it.")
			.reply("Understood, I will not post it.");
		String path = "/connect/assistant";

		String output = BrowserWalkthrough.run("assistant-page.mjs",
				appBaseUrl() + path + "?jwt=" + site.iframeJwt(alice, "GET", path),
				Path.of("target/screenshots/assistant-page.png"));

		assertThat(output).contains("greeting: ").contains("Alice").contains("You are working on SCRUM-2");
		assertThat(output).contains("comment card: ").contains("Bob Builder the fix is deployed");
		assertThat(site.calls("POST", "/rest/api/3/issue/SCRUM-2/comment")).singleElement()
			.satisfies(call -> assertThat(call.caller()).isEqualTo(alice));
		JsonNode comments = site.data().issue("SCRUM-2").orElseThrow().path("comments");
		JsonNode body = comments.get(comments.size() - 1).path("body");
		ContractSchemas.assertValidAdf(body);
		assertThat(body.findValues("attrs")).anySatisfy(attrs -> assertThat(attrs.path("id").asText()).isEqualTo(bob));
		assertThat(output).contains("blocker: Fill in Resolution");
		assertThat(site.calls("POST", "/rest/api/3/issue/SCRUM-1/transitions")).singleElement()
			.satisfies(call -> assertThat(call.caller()).isEqualTo(alice));
		assertThat(site.data().issue("SCRUM-1").orElseThrow().path("status").asText()).isEqualTo("Done");
		assertThat(site.data().issue("SCRUM-1").orElseThrow().path("resolution").asText()).isEqualTo("Won't Do");
		// In the dark theme at 360 px the second comment was declined: still the one
		// comment.
		assertThat(output).contains("declined outcome: Not carried out");
		assertThat(site.calls("POST", "/rest/api/3/issue/SCRUM-2/comment")).hasSize(1);
	}

}

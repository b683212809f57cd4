package dev.jiraai.chat;

import java.net.http.HttpResponse;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jiraai.assess.AssessTestData;
import dev.jiraai.support.FakeOpenAi;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each way the assistant routes a message, end to end through its API with a scripted
 * model: requirement analysis, ticket creation, assessment of an issue the message names.
 * (General questions and clarifying questions are in {@link ChatApiTests}.)
 */
class ChatRoutingTests extends ChatTestSupport {

	@Test
	void aRequirementIsAnsweredWithTheAnalystsReportWithoutJiraTools() throws Exception {
		openAi.reply(intent("requirement_analysis", 0.9))
			.reply("## Summary\nCustomers save a card.\n\n## Open questions\n- Which PSP tokenises it?");

		JsonNode result = turn("Analyse this requirement: returning customers should pay with a saved card",
				"completed");

		assertThat(result.path("result").asText()).startsWith("## Summary\nCustomers save a card.")
			.contains("Which PSP tokenises it?");
		assertThat(openAi.requests()).hasSize(2);
		JsonNode asked = openAi.requests().get(1);
		assertThat(asked.path("messages").toString()).contains("You are a senior business analyst")
			.contains("returning customers should pay with a saved card");
		assertThat(asked.has("tools")).as("the analysis offers the model no tools").isFalse();
		assertThat(this.site.calls()).extracting(call -> call.method()).containsOnly("GET");
	}

	@Test
	void aTicketIsDraftedWithToolsAndCreatedOnceAsTheUserWhenConfirmed() throws Exception {
		openAi.reply(intent("create_ticket", 0.9))
			.reply(new FakeOpenAi.ToolCalls(Map.of("proposeIssue",
					"{\"projectKey\": \"SCRUM\", \"summary\": \"Pay with Apple Pay\", \"issueType\": \"Story\"}")))
			.reply("I prepared the story **Pay with Apple Pay** in SCRUM; confirm it to create it.");

		JsonNode waiting = turn("Create a story in SCRUM: pay with Apple Pay", "waiting_confirmation");

		assertThat(openAi.requests().get(1).path("messages").toString())
			.contains("prepare it with the proposeIssue tool");
		assertThat(waiting.path("proposals")).singleElement().satisfies(proposal -> {
			assertThat(proposal.path("kind").asText()).isEqualTo("draft.create");
			assertThat(proposal.path("state").asText()).isEqualTo("PENDING");
			assertThat(proposal.at("/payload/drafts/0/summary").asText()).isEqualTo("Pay with Apple Pay");
		});
		assertThat(this.site.calls("POST", "/rest/api/3/issue")).as("nothing created before the confirmation")
			.isEmpty();
		openAi.reply("Created it.");

		HttpResponse<String> resumed = resume(this.alice, waiting.path("taskId").asText(),
				"{\"confirmation\": true, \"proposalId\": \"%s\"}".formatted(waiting.at("/proposals/0/id").asText()));
		assertThat(resumed.statusCode()).as(resumed.body()).isEqualTo(202);
		JsonNode done = waitFor(this.alice, waiting.path("taskId").asText(), "completed");

		assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("completed");
		assertThat(done.path("result").asText()).isEqualTo("Created it.");
		assertThat(this.site.calls("POST", "/rest/api/3/issue")).singleElement().satisfies(call -> {
			assertThat(call.caller()).isEqualTo(this.alice);
			assertThat(call.body()).contains("Pay with Apple Pay");
		});
		assertThat(this.site.data().issues())
			.filteredOn(issue -> issue.path("summary").asText().equals("Pay with Apple Pay"))
			.hasSize(1);
		assertThat(last(openAi.requests().get(openAi.requests().size() - 1).path("messages")).path("content").asText())
			.contains("The user confirmed the proposed draft.create and it was carried out");
	}

	@Test
	void anIssueTheMessageNamesIsAssessedAndSummarised() throws Exception {
		openAi.reply(intent("assess_ticket", 0.95, "SCRUM-1")).reply(AssessTestData.VALID);

		JsonNode result = turn("How ready is SCRUM-1?", "completed");

		assertThat(result.path("result").asText()).startsWith("**SCRUM-1**: overall **5/10**")
			.contains("Acceptance criteria 3")
			.contains("- No acceptance criteria")
			.contains("- Add Given/When/Then criteria");
		assertThat(result.path("activity").toString()).contains("Assessing SCRUM-1");
		assertThat(openAi.requests()).hasSize(2);
		assertThat(openAi.requests().get(1).path("messages").toString())
			.contains("Let customers save a card for faster checkout");
	}

	@Test
	void anAssessmentNamingNoIssueAsksWhichOne() throws Exception {
		openAi.reply(intent("assess_ticket", 0.95));

		JsonNode result = turn("How ready is my story?", "completed");

		assertThat(result.path("result").asText()).startsWith("Which issue should I assess?");
		assertThat(openAi.requests()).hasSize(1);
	}

}

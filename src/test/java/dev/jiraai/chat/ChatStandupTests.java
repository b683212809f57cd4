package dev.jiraai.chat;

import java.net.http.HttpResponse;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jiraai.contracts.ContractSchemas;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The daily stand-up in the chat, through the assistant's API with a scripted model: the
 * first message of the day gets the three questions first, one per message and with no
 * model call; the answers are saved, their comments proposed and posted once after
 * Confirm; then the interrupted message is answered. Skip, snooze and a script asking for
 * JSON.
 */
class ChatStandupTests extends ChatTestSupport {

	private String conversationId;

	@Override
	boolean standupSnoozed() {
		return false;
	}

	/**
	 * Sends a message in this test's conversation and waits for its turn to reach the
	 * status.
	 */
	private JsonNode say(String message, String status) throws Exception {
		var body = json.createObjectNode().put("message", message);
		if (this.conversationId != null) {
			body.put("conversationId", this.conversationId);
		}
		JsonNode started = send(this.alice, body.toString());
		this.conversationId = started.path("conversationId").asText();
		JsonNode result = waitFor(this.alice, started.path("taskId").asText(), status);
		assertThat(result.path("status").asText()).as(result.toString()).isEqualTo(status);
		return result;
	}

	private JsonNode today() throws Exception {
		HttpResponse<String> today = get("/api/standup/today", auth(this.alice));
		assertThat(today.statusCode()).as(today.body()).isEqualTo(200);
		return json.readTree(today.body());
	}

	@Test
	void theFirstMessageOfTheDayGetsTheStandUpFirstThenItsCommentsArePostedOnceAndTheMessageIsAnswered()
			throws Exception {
		String bob = this.site.user("Bob");

		JsonNode first = say("What am I working on?", "completed");

		assertThat(first.path("result").asText()).contains("your daily stand-up")
			.contains("What did you do yesterday?")
			.contains("question 1 of 3");
		JsonNode second = say("Fixed the checkout bug on SCRUM-1", "completed");
		assertThat(second.path("result").asText()).contains("What will you do today?")
			.contains("SCRUM-2")
			.contains("Reply **ok** to take these");
		JsonNode third = say("ok", "completed");
		assertThat(third.path("result").asText()).contains("Is there any blocker?");
		assertThat(openAi.requests()).as("the questions cost no model call").isEmpty();

		JsonNode waiting = say("SCRUM-2 is blocked until @Bob Builder reviews the payment change",
				"waiting_confirmation");

		assertThat(waiting.path("proposals")).singleElement().satisfies(proposal -> {
			assertThat(proposal.path("kind").asText()).isEqualTo("standup.post");
			assertThat(proposal.at("/payload/comments").findValuesAsText("issueKey")).contains("SCRUM-1", "SCRUM-2");
		});
		JsonNode saved = today().path("standup");
		assertThat(saved.path("yesterday").asText()).isEqualTo("Fixed the checkout bug on SCRUM-1");
		assertThat(saved.path("today").asText()).startsWith("SCRUM-2 ");
		assertThat(json.convertValue(saved.path("issueKeys"), List.class)).contains("SCRUM-2");
		assertThat(this.site.calls("POST", "/rest/api/3/issue/SCRUM-./comment")).as("nothing posted yet").isEmpty();
		openAi.reply("I posted your stand-up on SCRUM-1 and SCRUM-2. You are working on SCRUM-2.");

		HttpResponse<String> resumed = resume(this.alice, waiting.path("taskId").asText(),
				"{\"confirmation\": true, \"proposalId\": \"%s\"}".formatted(waiting.at("/proposals/0/id").asText()));
		assertThat(resumed.statusCode()).as(resumed.body()).isEqualTo(202);
		JsonNode done = waitFor(this.alice, waiting.path("taskId").asText(), "completed");

		assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("completed");
		assertThat(this.site.calls("POST", "/rest/api/3/issue/SCRUM-2/comment")).singleElement()
			.satisfies(call -> assertThat(call.caller()).isEqualTo(this.alice));
		assertThat(this.site.calls("POST", "/rest/api/3/issue/SCRUM-1/comment")).hasSize(1);
		JsonNode comments = this.site.data().issue("SCRUM-2").orElseThrow().path("comments");
		JsonNode blocker = comments.get(comments.size() - 1).path("body");
		ContractSchemas.assertValidAdf(blocker);
		assertThat(blocker.findValues("attrs"))
			.anySatisfy(attrs -> assertThat(attrs.path("id").asText()).isEqualTo(bob));
		assertThat(openAi.requests()).hasSize(1);
		assertThat(openAi.requests().get(0).path("messages").toString()).contains("before the stand-up")
			.contains("What am I working on?");
		assertThat(done.path("result").asText()).contains("You are working on SCRUM-2");

		openAi.reply(GENERAL).reply("Nothing else today.");
		assertThat(say("Anything else?", "completed").path("result").asText())
			.as("one stand-up a day: the next message is answered at once")
			.isEqualTo("Nothing else today.");
	}

	@Test
	void skipLeavesAQuestionEmptyAndNotTodaySnoozesTheStandUpAndAnswersTheEarlierMessage() throws Exception {
		say("Hello", "completed");
		say("skip", "completed");
		openAi.reply(GENERAL).reply("Hi Alice, how can I help?");

		JsonNode snoozed = say("not today", "completed");

		assertThat(snoozed.path("result").asText()).startsWith("OK, I won't ask for your stand-up again today.")
			.endsWith("Hi Alice, how can I help?");
		assertThat(openAi.requests().get(0).path("messages").toString()).contains("Hello");
		JsonNode today = today();
		assertThat(today.path("snoozed").asBoolean()).isTrue();
		assertThat(today.path("standup").isNull()).isTrue();
		openAi.reply(GENERAL).reply("Sure.");
		assertThat(say("Show my issues", "completed").path("result").asText()).isEqualTo("Sure.");
	}

	@Test
	void aScriptAskingForJsonGetsItsAnswerWithoutTheStandUp() throws Exception {
		openAi.reply(GENERAL).reply("You have two issues.");

		JsonNode started = send(this.alice, "{\"message\": \"What am I working on?\", \"outputFormat\": \"json\"}");
		JsonNode result = waitFor(this.alice, started.path("taskId").asText(), "completed");

		assertThat(result.at("/result/answer").asText()).isEqualTo("You have two issues.");
		assertThat(today().path("standup").isNull()).isTrue();
		assertThat(today().path("snoozed").asBoolean()).isFalse();
	}

}

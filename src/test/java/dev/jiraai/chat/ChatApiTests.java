package dev.jiraai.chat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jiraai.support.FakeOpenAi;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The assistant's async API as a script or the page drives it: send, poll the result, the
 * tools it ran, memory across turns, the JSON output format, conversations, and nothing
 * of another user's.
 */
class ChatApiTests extends ChatTestSupport {

	@Test
	void whatAmIWorkingOnRunsTheMyIssuesToolAsTheUserAndAnswersInMarkdown() throws Exception {
		openAi.reply(GENERAL)
			.reply(new FakeOpenAi.ToolCalls(Map.of("myIssues", "{}")))
			.reply("You are working on **SCRUM-2**: the Safari checkout button.");

		JsonNode started = send(this.alice, "{\"message\": \"What am I working on?\"}");
		JsonNode result = waitFor(this.alice, started.path("taskId").asText(), "completed");

		assertThat(result.path("status").asText()).as(result.toString()).isEqualTo("completed");
		assertThat(result.path("result").asText())
			.isEqualTo("You are working on **SCRUM-2**: the Safari checkout button.");
		assertThat(result.path("conversationId").asText()).isEqualTo(started.path("conversationId").asText());
		assertThat(result.path("activity").toString()).contains("Searching your issues");
		// The tool ran as Alice: its answer, which went back to the model, is her issue.
		JsonNode toolMessage = last(openAi.requests().get(2).path("messages"));
		assertThat(toolMessage.path("role").asText()).isEqualTo("tool");
		assertThat(toolMessage.path("content").asText()).contains("SCRUM-2").doesNotContain("SCRUM-1 ");
		assertThat(this.site.calls("POST", "/rest/api/3/search/jql"))
			.allSatisfy(call -> assertThat(call.body()).contains("currentUser()"));

		JsonNode conversations = json.readTree(get("/api/chat/conversations", auth(this.alice)).body());
		assertThat(conversations.at("/conversations/0/id").asText()).isEqualTo(started.path("conversationId").asText());
		assertThat(conversations.at("/conversations/0/title").asText()).isEqualTo("What am I working on?");
		JsonNode messages = json
			.readTree(get("/api/chat/conversations/" + started.path("conversationId").asText() + "/messages",
					auth(this.alice))
				.body());
		assertThat(messages.path("messages")).extracting(m -> m.path("role").asText())
			.containsExactly("user", "assistant");
	}

	@Test
	void theNextMessageOfAConversationRemembersTheEarlierTurns() throws Exception {
		openAi.reply(GENERAL).reply("Your sprint ends on Friday.");
		JsonNode first = send(this.alice,
				"{\"message\": \"When does my sprint end?\", \"conversationId\": \"sprint\"}");
		waitFor(this.alice, first.path("taskId").asText(), "completed");
		openAi.reset();
		openAi.reply(GENERAL).reply("Friday, as I said.");

		JsonNode second = send(this.alice,
				"{\"message\": \"Which day was that again?\", \"conversationId\": \"sprint\"}");
		waitFor(this.alice, second.path("taskId").asText(), "completed");

		String asked = openAi.requests().get(1).path("messages").toString();
		assertThat(asked).contains("When does my sprint end?").contains("Your sprint ends on Friday.");
		assertThat(asked.indexOf("Your sprint ends on Friday.")).isLessThan(asked.indexOf("Which day was that again?"));
	}

	@Test
	void aMessageTheRouterIsUnsureOfGetsAClarifyingQuestionWithoutAnotherModelCall() throws Exception {
		openAi.reply(intent("general_query", 0.3));

		JsonNode started = send(this.alice, "{\"message\": \"the thing\"}");
		JsonNode result = waitFor(this.alice, started.path("taskId").asText(), "completed");

		assertThat(result.path("result").asText()).startsWith("I'm not sure what you'd like me to do");
		assertThat(openAi.requests()).hasSize(1);
	}

	@Test
	void theJsonOutputFormatCarriesTheAnswerAndWhatTheToolsFound() throws Exception {
		openAi.reply(GENERAL).reply(new FakeOpenAi.ToolCalls(Map.of("myIssues", "{}"))).reply("SCRUM-2 is yours.");

		JsonNode started = send(this.alice, "{\"message\": \"List my issues\", \"outputFormat\": \"json\"}");
		JsonNode result = waitFor(this.alice, started.path("taskId").asText(), "completed");

		assertThat(result.at("/result/answer").asText()).isEqualTo("SCRUM-2 is yours.");
		assertThat(result.at("/result/data/issues/0/key").asText()).isEqualTo("SCRUM-2");
		assertThat(result.at("/result/proposals").isArray()).isTrue();
	}

	@Test
	void anotherUsersTurnAndConversationAreNotFound() throws Exception {
		openAi.reply(intent("general_query", 0.2));
		JsonNode started = send(this.alice, "{\"message\": \"hello\", \"conversationId\": \"mine\"}");
		String taskId = started.path("taskId").asText();
		waitFor(this.alice, taskId, "completed");
		String bob = this.site.user("Bob");

		assertThat(get("/api/chat/result/" + taskId, auth(bob)).statusCode()).isEqualTo(404);
		assertThat(post("/api/chat/resume/" + taskId, auth(bob), "{\"confirmation\": true}", "application/json")
			.statusCode()).isEqualTo(404);
		assertThat(get("/api/chat/conversations/mine/messages", auth(bob)).statusCode()).isEqualTo(404);
		HttpResponse<String> rename = send(
				java.net.http.HttpRequest.newBuilder(java.net.URI.create(appBaseUrl() + "/api/chat/conversations/mine"))
					.header("Authorization", auth(bob))
					.header("Content-Type", "application/json")
					.method("PATCH", java.net.http.HttpRequest.BodyPublishers.ofString("{\"title\": \"taken\"}"))
					.build());
		assertThat(rename.statusCode()).isEqualTo(404);
		assertThat(json.readTree(rename.body()).path("type").asText()).endsWith("conversation-not-found");
		assertThat(json.readTree(get("/api/chat/conversations", auth(bob)).body()).path("conversations")).isEmpty();
	}

	@Test
	void aConversationIsRenamedAndDeletedWithItsMessages() throws Exception {
		openAi.reply(intent("general_query", 0.2));
		JsonNode started = send(this.alice, "{\"message\": \"hello\", \"conversationId\": \"tidy\"}");
		waitFor(this.alice, started.path("taskId").asText(), "completed");

		HttpResponse<String> renamed = send(
				java.net.http.HttpRequest.newBuilder(java.net.URI.create(appBaseUrl() + "/api/chat/conversations/tidy"))
					.header("Authorization", auth(this.alice))
					.header("Content-Type", "application/json")
					.method("PATCH",
							java.net.http.HttpRequest.BodyPublishers.ofString("{\"title\": \"Sprint questions\"}"))
					.build());
		assertThat(json.readTree(renamed.body()).path("title").asText()).isEqualTo("Sprint questions");

		HttpResponse<String> deleted = send(
				java.net.http.HttpRequest.newBuilder(java.net.URI.create(appBaseUrl() + "/api/chat/conversations/tidy"))
					.header("Authorization", auth(this.alice))
					.DELETE()
					.build());
		assertThat(deleted.statusCode()).isEqualTo(204);
		assertThat(get("/api/chat/conversations/tidy/messages", auth(this.alice)).statusCode()).isEqualTo(404);
	}

	@Test
	void aMessageOverTenThousandCharactersIsRefusedAndNothingStarts() {
		HttpResponse<String> sent = post("/api/chat/send", auth(this.alice),
				"{\"message\": \"" + "x".repeat(10_001) + "\"}", "application/json");

		assertThat(sent.statusCode()).isEqualTo(400);
		assertThat(sent.body()).contains("message");
		assertThat(openAi.requests()).isEmpty();
	}

	@Test
	void theWorkflowDiagramIsServedAndIsTheOneInTheDocs() throws Exception {
		JsonNode workflow = json.readTree(get("/api/chat/workflow", auth(this.alice)).body());

		String diagram = workflow.path("diagram").asText();
		assertThat(diagram).startsWith("flowchart TD");
		for (ChatWorkflow.Step step : ChatWorkflow.Step.values()) {
			assertThat(diagram).contains(step.name());
		}
		assertThat(Files.readString(Path.of("docs/chat.md"))).as("docs/chat.md embeds the diagram drawn from the code")
			.contains("```mermaid\n" + diagram + "```");
	}

	@Test
	void anIssueReadDuringAChatReachesTheModelFencedAsDataAndWritesNothing() throws Exception {
		openAi.reply(GENERAL)
			.reply(new FakeOpenAi.ToolCalls(Map.of("getIssue", "{\"issueKey\": \"SCRUM-2\"}")))
			.reply("SCRUM-2 is about the Safari checkout button.");

		JsonNode started = send(this.alice, "{\"message\": \"Summarise SCRUM-2\"}");
		JsonNode result = waitFor(this.alice, started.path("taskId").asText(), "completed");

		assertThat(result.path("status").asText()).as(result.toString()).isEqualTo("completed");
		String toolResult = last(openAi.requests().get(2).path("messages")).path("content").asText();
		assertThat(toolResult).contains("<untrusted_data source=\"issue\">\nSCRUM-2: Checkout button does nothing")
			.endsWith("</untrusted_data>");
		assertThat(this.site.calls()).extracting(call -> call.method())
			.as("reading an issue in a chat writes nothing to Jira")
			.containsOnly("GET");
		assertThat(this.site.calls("POST", "/rest/api/3/issue.*")).isEmpty();
	}

	@Test
	void aJqlErrorIsExplainedToTheModelSoItCanCorrectTheQuery() throws Exception {
		openAi.reply(GENERAL)
			.reply(new FakeOpenAi.ToolCalls(Map.of("searchIssues", "{\"jql\": \"status = Shipped\"}")))
			.reply("I could not search with that field.");

		JsonNode started = send(this.alice, "{\"message\": \"Find done issues\"}");
		waitFor(this.alice, started.path("taskId").asText(), "completed");

		String toolResult = last(openAi.requests().get(2).path("messages")).path("content").asText();
		assertThat(toolResult).startsWith("Jira refused this JQL")
			.contains("does not exist for the field 'status'")
			.contains("Correct the query");
	}

}

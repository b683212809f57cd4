package dev.jiraai.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link FakeOpenAi} speaks the chat-completions wire format the app's OpenAI client
 * expects.
 */
class FakeOpenAiTests {

	private static final ObjectMapper json = new ObjectMapper();

	private final FakeOpenAi openAi = new FakeOpenAi();

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	@AfterEach
	void stop() {
		this.openAi.close();
	}

	private HttpResponse<String> chat(boolean stream) throws Exception {
		String body = json.writeValueAsString(Map.of("model", "gpt-test", "stream", stream, "messages",
				java.util.List.of(Map.of("role", "user", "content", "Hello"))));
		return this.http.send(HttpRequest.newBuilder(URI.create(this.openAi.baseUrl() + "/v1/chat/completions"))
			.header("Authorization", "Bearer sk-test")
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	@Test
	void answersACompletionWithUsageAndRecordsTheRequest() throws Exception {
		this.openAi.reply("Hi there");

		HttpResponse<String> response = chat(false);

		JsonNode completion = json.readTree(response.body());
		assertThat(completion.path("object").asText()).isEqualTo("chat.completion");
		assertThat(completion.at("/choices/0/message/content").asText()).isEqualTo("Hi there");
		assertThat(completion.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
		assertThat(completion.at("/usage/total_tokens").asInt()).isPositive();
		assertThat(this.openAi.requests()).singleElement()
			.satisfies(request -> assertThat(request.at("/messages/0/content").asText()).isEqualTo("Hello"));
		assertThat(this.openAi.authorizations()).containsExactly("Bearer sk-test");
	}

	@Test
	void streamsServerSentEventsEndingWithDone() throws Exception {
		this.openAi.replyStreamed("Hel", "lo");

		HttpResponse<String> response = chat(true);

		assertThat(response.headers().firstValue("Content-Type")).hasValue("text/event-stream");
		String[] events = response.body().split("\n\n");
		assertThat(events[events.length - 1]).isEqualTo("data: [DONE]");
		StringBuilder text = new StringBuilder();
		for (String event : events) {
			if (!event.equals("data: [DONE]")) {
				JsonNode chunk = json.readTree(event.substring("data: ".length()));
				assertThat(chunk.path("object").asText()).isEqualTo("chat.completion.chunk");
				text.append(chunk.at("/choices/0/delta/content").asText(""));
			}
		}
		assertThat(text).hasToString("Hello");
	}

	@Test
	void answersToolCalls() throws Exception {
		this.openAi.reply(new FakeOpenAi.ToolCalls(Map.of("getIssue", "{\"key\":\"SCRUM-1\"}")));

		JsonNode completion = json.readTree(chat(false).body());

		assertThat(completion.at("/choices/0/finish_reason").asText()).isEqualTo("tool_calls");
		assertThat(completion.at("/choices/0/message/tool_calls/0/function/name").asText()).isEqualTo("getIssue");
		assertThat(completion.at("/choices/0/message/tool_calls/0/function/arguments").asText())
			.isEqualTo("{\"key\":\"SCRUM-1\"}");
	}

	@Test
	void answersApiErrorsWithRetryAfter() throws Exception {
		this.openAi.reply(new FakeOpenAi.Error(429, "requests", "rate_limit_exceeded", "Slow down", 3));

		HttpResponse<String> response = chat(false);

		assertThat(response.statusCode()).isEqualTo(429);
		assertThat(response.headers().firstValue("Retry-After")).hasValue("3");
		assertThat(json.readTree(response.body()).at("/error/code").asText()).isEqualTo("rate_limit_exceeded");
	}

	@Test
	void cutsAStreamWithoutFinishReasonOrDone() throws Exception {
		this.openAi.reply(new FakeOpenAi.CutStream(java.util.List.of("Partial")));

		String body = chat(true).body();

		assertThat(body).contains("Partial").doesNotContain("[DONE]").doesNotContain("finish_reason\":\"stop");
	}

}

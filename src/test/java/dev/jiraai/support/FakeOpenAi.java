package dev.jiraai.support;

import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * A local OpenAI-compatible server for tests: {@code POST /v1/chat/completions} answered
 * from a script, in the real wire format (a JSON completion with {@code usage}, or an SSE
 * stream of {@code chat.completion.chunk}s ending with {@code [DONE]} when the request
 * asks to stream), including {@code tool_calls} and API errors. Every request is recorded
 * for assertions.
 */
public final class FakeOpenAi implements AutoCloseable {

	private static final ObjectMapper json = new ObjectMapper();

	private final WireMockServer server;

	private final Deque<Reply> script = new ConcurrentLinkedDeque<>();

	private final List<JsonNode> requests = new CopyOnWriteArrayList<>();

	private final List<String> authorizations = new CopyOnWriteArrayList<>();

	public FakeOpenAi() {
		this.server = new WireMockServer(options().dynamicPort().http2PlainDisabled(true).extensions(new Router()));
		this.server.start();
		this.server.stubFor(WireMock.any(WireMock.anyUrl()).willReturn(WireMock.aResponse().withStatus(404)));
	}

	/** The base URL to configure as the OpenAI endpoint (without {@code /v1}). */
	public String baseUrl() {
		return this.server.baseUrl();
	}

	/** One scripted answer. */
	public sealed interface Reply {

	}

	/** An assistant message, split into these chunks when streamed. */
	public record Text(List<String> chunks, int promptTokens, int completionTokens) implements Reply {
	}

	/** An assistant message asking to call tools. */
	public record ToolCalls(Map<String, String> argumentsByTool) implements Reply {
	}

	/** An API error with OpenAI's error body, optionally with {@code Retry-After}. */
	public record Error(int status, String type, String code, String message,
			Integer retryAfterSeconds) implements Reply {
	}

	/**
	 * A stream that stops after these chunks without {@code finish_reason} or
	 * {@code [DONE]}: a cut connection.
	 */
	public record CutStream(List<String> chunks) implements Reply {
	}

	/** Another reply, sent late. */
	public record Delayed(java.time.Duration delay, Reply reply) implements Reply {
	}

	/**
	 * Another reply, its body trickled out in pieces over a duration, as a real stream
	 * arrives.
	 */
	public record Trickled(java.time.Duration over, Reply reply) implements Reply {
	}

	private static FakeOpenAi shared;

	/** The fake of this test JVM, started on first use. */
	public static synchronized FakeOpenAi shared() {
		if (shared == null) {
			shared = new FakeOpenAi();
			Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "fake-openai-stop"));
		}
		return shared;
	}

	/** Forgets the script and the recorded requests. */
	public void reset() {
		this.script.clear();
		this.requests.clear();
		this.authorizations.clear();
	}

	public FakeOpenAi reply(String content) {
		return reply(new Text(List.of(content), 100, Math.max(1, content.length() / 4)));
	}

	public FakeOpenAi replyStreamed(String... chunks) {
		return reply(new Text(List.of(chunks), 100, chunks.length));
	}

	public FakeOpenAi reply(Reply reply) {
		this.script.add(reply);
		return this;
	}

	public List<JsonNode> requests() {
		return List.copyOf(this.requests);
	}

	public List<String> authorizations() {
		return List.copyOf(this.authorizations);
	}

	@Override
	public void close() {
		this.server.stop();
	}

	private final class Router implements ResponseDefinitionTransformerV2 {

		@Override
		public String getName() {
			return "fake-openai";
		}

		@Override
		public ResponseDefinition transform(ServeEvent event) {
			var request = event.getRequest();
			if (!request.getMethod().getName().equals("POST") || !request.getUrl().endsWith("/chat/completions")) {
				return error(new Error(404, "invalid_request_error", "unknown_url", "Unknown URL", null));
			}
			JsonNode body;
			try {
				body = json.readTree(request.getBodyAsString());
			}
			catch (JsonProcessingException ex) {
				return error(new Error(400, "invalid_request_error", null, "We could not parse the JSON body", null));
			}
			requests.add(body);
			authorizations.add(request.getHeader("Authorization"));
			Reply reply = script.poll();
			if (reply == null) {
				return error(new Error(500, "server_error", null, "FakeOpenAi has no scripted reply left", null));
			}
			String model = body.path("model").asText("fake-model");
			boolean stream = body.path("stream").asBoolean(false);
			return answer(reply, model, stream);
		}

		private ResponseDefinition answer(Reply reply, String model, boolean stream) {
			return switch (reply) {
				case Error error -> error(error);
				case Text text -> stream ? sse(streamChunks(model, text)) : completion(model, text);
				case ToolCalls calls -> completion(model, calls);
				// The connection ends after the content: no finish_reason, no usage, no
				// [DONE].
				case CutStream cut ->
					sse(streamChunks(model, new Text(cut.chunks(), 0, 0)).subList(0, cut.chunks().size() + 1));
				case Trickled trickled -> {
					ResponseDefinition whole = answer(trickled.reply(), model, stream);
					yield ResponseDefinitionBuilder.like(whole)
						.withChunkedDribbleDelay(12, (int) trickled.over().toMillis())
						.build();
				}
				case Delayed delayed -> {
					ResponseDefinition late = answer(delayed.reply(), model, stream);
					yield ResponseDefinitionBuilder.like(late).withFixedDelay((int) delayed.delay().toMillis()).build();
				}
			};
		}

		private ResponseDefinition completion(String model, Reply reply) {
			ObjectNode completion = envelope("chat.completion", model);
			ObjectNode choice = completion.putArray("choices").addObject();
			choice.put("index", 0);
			ObjectNode message = choice.putObject("message");
			message.put("role", "assistant");
			int promptTokens = 100;
			int completionTokens = 10;
			if (reply instanceof Text text) {
				message.put("content", String.join("", text.chunks()));
				choice.put("finish_reason", "stop");
				promptTokens = text.promptTokens();
				completionTokens = text.completionTokens();
			}
			else if (reply instanceof ToolCalls calls) {
				message.putNull("content");
				ArrayNode toolCalls = message.putArray("tool_calls");
				calls.argumentsByTool().forEach((name, arguments) -> {
					ObjectNode call = toolCalls.addObject();
					call.put("id", "call_" + UUID.randomUUID().toString().replace("-", "").substring(0, 24));
					call.put("type", "function");
					call.putObject("function").put("name", name).put("arguments", arguments);
				});
				choice.put("finish_reason", "tool_calls");
			}
			usage(completion, promptTokens, completionTokens);
			return ResponseDefinitionBuilder.responseDefinition()
				.withStatus(200)
				.withHeader("Content-Type", "application/json")
				.withBody(completion.toString())
				.build();
		}

		private List<String> streamChunks(String model, Text text) {
			List<String> events = new ArrayList<>();
			ObjectNode first = envelope("chat.completion.chunk", model);
			first.putArray("choices")
				.addObject()
				.put("index", 0)
				.putObject("delta")
				.put("role", "assistant")
				.put("content", "");
			events.add(first.toString());
			for (String chunk : text.chunks()) {
				ObjectNode event = envelope("chat.completion.chunk", model);
				event.putArray("choices").addObject().put("index", 0).putObject("delta").put("content", chunk);
				events.add(event.toString());
			}
			ObjectNode last = envelope("chat.completion.chunk", model);
			last.putArray("choices").addObject().put("index", 0).put("finish_reason", "stop").putObject("delta");
			events.add(last.toString());
			ObjectNode usage = envelope("chat.completion.chunk", model);
			usage.putArray("choices");
			usage(usage, text.promptTokens(), text.completionTokens());
			events.add(usage.toString());
			events.add("[DONE]");
			return events;
		}

		private ResponseDefinition sse(List<String> events) {
			StringBuilder body = new StringBuilder();
			events.forEach(event -> body.append("data: ").append(event).append("\n\n"));
			return ResponseDefinitionBuilder.responseDefinition()
				.withStatus(200)
				.withHeader("Content-Type", "text/event-stream")
				.withBody(body.toString())
				.build();
		}

		private ResponseDefinition error(Error error) {
			ObjectNode body = json.createObjectNode();
			ObjectNode details = body.putObject("error");
			details.put("message", error.message());
			details.put("type", error.type());
			details.putNull("param");
			if (error.code() == null) {
				details.putNull("code");
			}
			else {
				details.put("code", error.code());
			}
			ResponseDefinitionBuilder builder = ResponseDefinitionBuilder.responseDefinition()
				.withStatus(error.status())
				.withHeader("Content-Type", "application/json")
				.withBody(body.toString());
			if (error.retryAfterSeconds() != null) {
				builder.withHeader("Retry-After", String.valueOf(error.retryAfterSeconds()));
			}
			return builder.build();
		}

		private ObjectNode envelope(String object, String model) {
			ObjectNode node = json.createObjectNode();
			node.put("id", "chatcmpl-" + UUID.randomUUID().toString().replace("-", "").substring(0, 20));
			node.put("object", object);
			node.put("created", System.currentTimeMillis() / 1000);
			node.put("model", model);
			node.put("system_fingerprint", "fp_fake");
			return node;
		}

		private void usage(ObjectNode node, int promptTokens, int completionTokens) {
			node.putObject("usage")
				.put("prompt_tokens", promptTokens)
				.put("completion_tokens", completionTokens)
				.put("total_tokens", promptTokens + completionTokens);
		}

	}

}

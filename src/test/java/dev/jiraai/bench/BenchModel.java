package dev.jiraai.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A lean OpenAI-compatible model with fixed timing: a whole answer after
 * {@code answerTime}; streamed, the first chunk after {@code firstChunk} and the rest
 * evenly spaced until {@code answerTime}. It notes when it sent each issue's first chunk
 * (for the relay delay) and keeps the last prompt it received (for the token count).
 */
final class BenchModel implements AutoCloseable {

	/**
	 * The keys virtual users assess: five digits from 10000, apart from the parent's and
	 * links' keys.
	 */
	static final Pattern ISSUE_KEY = Pattern.compile("BENCH-1\\d{4}");

	private static final ObjectMapper json = new ObjectMapper();

	private final HttpServer server;

	private final Duration firstChunk;

	private final Duration answerTime;

	private volatile int chunks;

	private final Map<String, Long> firstChunkSentAt = new ConcurrentHashMap<>();

	private final AtomicReference<JsonNode> lastMessages = new AtomicReference<>();

	BenchModel(Duration firstChunk, Duration answerTime, int chunks) throws IOException {
		this.firstChunk = firstChunk;
		this.answerTime = answerTime;
		this.chunks = chunks;
		this.server = HttpServer.create(new InetSocketAddress("localhost", 0), 4096);
		Upstream.onVirtualThreads(this.server);
		this.server.createContext("/", this::handle);
		this.server.start();
	}

	/** The base URL the app is configured with (no {@code /v1}). */
	String baseUrl() {
		return "http://localhost:" + this.server.getAddress().getPort();
	}

	/** How many chunks a streamed answer has from now on (at least 2). */
	void chunks(int chunks) {
		this.chunks = Math.max(2, chunks);
	}

	/** The spacing of the chunks after the first. */
	Duration chunkSpacing() {
		return this.answerTime.minus(this.firstChunk).dividedBy(this.chunks - 1);
	}

	/**
	 * When ({@link System#nanoTime()}) the first chunk for this issue was sent, if it
	 * was.
	 */
	Long firstChunkSentAt(String issueKey) {
		return this.firstChunkSentAt.get(issueKey);
	}

	/** The {@code messages} of the last request, or null before the first. */
	JsonNode lastMessages() {
		return this.lastMessages.get();
	}

	private void handle(HttpExchange exchange) throws IOException {
		long received = System.nanoTime();
		JsonNode request = json.readTree(Upstream.body(exchange));
		if (!exchange.getRequestURI().getPath().endsWith("/chat/completions")) {
			Upstream.respond(exchange, 404, "application/json", "{\"error\":{\"message\":\"Unknown URL\"}}");
			return;
		}
		JsonNode messages = request.path("messages");
		this.lastMessages.set(messages);
		String issueKey = issueKey(messages);
		String model = request.path("model").asText("bench-model");
		if (request.path("stream").asBoolean(false)) {
			stream(exchange, received, issueKey, model);
		}
		else {
			Upstream.pause(this.answerTime);
			Upstream.respond(exchange, 200, "application/json", completion(model));
		}
	}

	private void stream(HttpExchange exchange, long received, String issueKey, String model) throws IOException {
		List<String> pieces = split(BenchIssue.ANSWER, this.chunks);
		Duration spacing = chunkSpacing();
		exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
		exchange.sendResponseHeaders(200, 0);
		try (OutputStream out = exchange.getResponseBody()) {
			for (int i = 0; i < pieces.size(); i++) {
				sleepUntil(received + this.firstChunk.plus(spacing.multipliedBy(i)).toNanos());
				ObjectNode delta = json.createObjectNode();
				if (i == 0) {
					delta.put("role", "assistant");
				}
				delta.put("content", pieces.get(i));
				if (i == 0 && issueKey != null) {
					this.firstChunkSentAt.put(issueKey, System.nanoTime());
				}
				send(out, chunk(model, delta, null));
			}
			send(out, chunk(model, json.createObjectNode(), "stop"));
			ObjectNode usage = envelope(model);
			usage.putArray("choices");
			usage(usage);
			send(out, usage.toString());
			send(out, "[DONE]");
		}
	}

	private static void send(OutputStream out, String data) throws IOException {
		out.write(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
		out.flush();
	}

	private static void sleepUntil(long nanoTime) {
		long wait = nanoTime - System.nanoTime();
		if (wait > 0) {
			Upstream.pause(Duration.ofNanos(wait));
		}
	}

	private static String issueKey(JsonNode messages) {
		for (JsonNode message : messages) {
			Matcher matcher = ISSUE_KEY.matcher(message.path("content").asText(""));
			if (matcher.find()) {
				return matcher.group();
			}
		}
		return null;
	}

	private static List<String> split(String text, int count) {
		List<String> pieces = new ArrayList<>();
		int size = (int) Math.ceil(text.length() / (double) count);
		for (int start = 0; start < text.length(); start += size) {
			pieces.add(text.substring(start, Math.min(text.length(), start + size)));
		}
		return pieces;
	}

	private static String chunk(String model, ObjectNode delta, String finishReason) {
		ObjectNode chunk = envelope(model);
		ObjectNode choice = chunk.putArray("choices").addObject();
		choice.put("index", 0);
		choice.set("delta", delta);
		if (finishReason != null) {
			choice.put("finish_reason", finishReason);
		}
		return chunk.toString();
	}

	private static String completion(String model) {
		ObjectNode completion = envelope(model);
		completion.put("object", "chat.completion");
		ObjectNode choice = completion.putArray("choices").addObject();
		choice.put("index", 0);
		choice.putObject("message").put("role", "assistant").put("content", BenchIssue.ANSWER);
		choice.put("finish_reason", "stop");
		usage(completion);
		return completion.toString();
	}

	private static ObjectNode envelope(String model) {
		ObjectNode node = json.createObjectNode();
		node.put("id", "chatcmpl-bench");
		node.put("object", "chat.completion.chunk");
		node.put("created", System.currentTimeMillis() / 1000);
		node.put("model", model);
		return node;
	}

	private static void usage(ObjectNode node) {
		node.putObject("usage").put("prompt_tokens", 900).put("completion_tokens", 250).put("total_tokens", 1150);
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}

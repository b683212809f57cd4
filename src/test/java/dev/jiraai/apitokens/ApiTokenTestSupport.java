package dev.jiraai.apitokens;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jiraai.support.AppTestSupport;
import dev.jiraai.support.SimulatedSite;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tokens through the real API: created from the app in Jira (a Connect context JWT), used
 * from outside it ({@code Authorization: Bearer jaa_...}).
 */
abstract class ApiTokenTestSupport extends AppTestSupport {

	static final ObjectMapper json = new ObjectMapper();

	static final String CHAT_ONLY = "{\"name\": \"nightly report\", \"expiresInDays\": 30, \"scopes\": [\"chat\"]}";

	@Autowired
	JdbcClient jdbc;

	/** A site of its own for each test, where Alice is a Jira admin and Bob is not. */
	SimulatedSite site;

	String alice;

	String bob;

	@BeforeEach
	void installSite() {
		this.site = installedSite("tokens");
		this.alice = this.site.user("Alice");
		this.bob = this.site.user("Bob");
	}

	static String bearer(String token) {
		return "Bearer " + token;
	}

	/** Creates a token as the user; the created token with its secret. */
	static JsonNode create(SimulatedSite site, String accountId, String body) throws Exception {
		HttpResponse<String> created = post("/api/tokens", jwt(site, accountId), body, "application/json");
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		return json.readTree(created.body());
	}

	static HttpResponse<String> call(String method, String path, String authorization, String body) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(appBaseUrl() + path))
			.header("Accept", "application/json")
			.method(method,
					body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
		if (body != null) {
			request.header("Content-Type", "application/json");
		}
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		return send(request.build());
	}

	/** Sends a chat message with the token; the started turn. */
	static JsonNode sendWith(String token, String message) throws Exception {
		HttpResponse<String> sent = post("/api/chat/send", bearer(token),
				json.createObjectNode().put("message", message).toString(), "application/json");
		assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
		return json.readTree(sent.body());
	}

	/** Polls the turn with the token until it reaches the status (or failed). */
	static JsonNode waitWith(String token, String taskId, String status) {
		JsonNode result = await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100)).until(() -> {
			HttpResponse<String> response = get("/api/chat/result/" + taskId, bearer(token));
			assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
			return json.readTree(response.body());
		}, turn -> turn.path("status").asText().equals(status) || turn.path("status").asText().equals("failed"));
		assertThat(result.path("status").asText()).as(result.toString()).isEqualTo(status);
		return result;
	}

	/**
	 * Moves the app's clock to just after the start of a minute, so that a test's
	 * requests fall in one minute of the rate limit.
	 */
	static void startOfAMinute() {
		Instant now = clock.instant();
		clock.advance(Duration.between(now, now.truncatedTo(ChronoUnit.MINUTES).plusSeconds(61)));
	}

	/** The audit rows of a site's tokens: kind and target, oldest first. */
	java.util.List<String> audit(SimulatedSite site) {
		return this.jdbc.sql("""
				SELECT kind || ' ' || coalesce(target, '-') || ' ' || coalesce(account_id, '-') FROM audit_log
				WHERE client_key = ? AND feature = 'api-tokens' ORDER BY id
				""").param(site.clientKey()).query(String.class).list();
	}

}

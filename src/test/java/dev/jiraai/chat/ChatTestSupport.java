package dev.jiraai.chat;

import java.net.http.HttpResponse;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jiraai.support.AppTestSupport;
import dev.jiraai.support.SimulatedSite;
import org.junit.jupiter.api.BeforeEach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The assistant's HTTP API as a script drives it (send, poll, resume), for the tests that
 * script the model and follow a turn end to end on a simulated site with Alice and Bob.
 */
abstract class ChatTestSupport extends AppTestSupport {

	static final ObjectMapper json = new ObjectMapper();

	static final String GENERAL = intent("general_query", 0.92);

	SimulatedSite site;

	String alice;

	@BeforeEach
	void installChatSite() {
		this.site = installedSite("chat");
		this.alice = this.site.user("Alice");
		if (standupSnoozed()) {
			HttpResponse<String> snoozed = post("/api/standup/snooze", auth(this.alice), null, "application/json");
			assertThat(snoozed.statusCode()).as(snoozed.body()).isEqualTo(204);
		}
	}

	/**
	 * Whether Alice has snoozed today's stand-up, so that her first message is handled at
	 * once: the tests of the stand-up in the chat say no.
	 */
	boolean standupSnoozed() {
		return true;
	}

	/** What the intent classifier answers, naming no issue. */
	static String intent(String intent, double confidence) {
		return intent(intent, confidence, "");
	}

	/** What the intent classifier answers, naming these issue keys. */
	static String intent(String intent, double confidence, String issueKey) {
		String keys = issueKey.isEmpty() ? "" : "\"" + issueKey + "\"";
		return """
				{"intent": "%s", "confidence": %s, "entities": {"issueKeys": [%s], "project": null, "priority": null},
				 "reasoning": "test"}""".formatted(intent, confidence, keys);
	}

	String auth(String accountId) {
		return "JWT " + this.site.contextJwt(accountId);
	}

	JsonNode send(String accountId, String body) throws Exception {
		HttpResponse<String> sent = post("/api/chat/send", auth(accountId), body, "application/json");
		assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
		JsonNode started = json.readTree(sent.body());
		assertThat(sent.headers().firstValue("Location"))
			.hasValue("/api/chat/result/" + started.path("taskId").asText());
		return started;
	}

	/** The turn once it has reached the status (or failed). */
	JsonNode waitFor(String accountId, String taskId, String status) {
		return await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50)).until(() -> {
			HttpResponse<String> response = get("/api/chat/result/" + taskId, auth(accountId));
			assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
			return json.readTree(response.body());
		}, result -> result.path("status").asText().equals(status) || result.path("status").asText().equals("failed"));
	}

	/** Sends a message and waits until its turn reaches the status. */
	JsonNode turn(String message, String status) throws Exception {
		JsonNode started = send(this.alice, json.createObjectNode().put("message", message).toString());
		JsonNode result = waitFor(this.alice, started.path("taskId").asText(), status);
		assertThat(result.path("status").asText()).as(result.toString()).isEqualTo(status);
		return result;
	}

	HttpResponse<String> resume(String accountId, String taskId, String body) {
		return post("/api/chat/resume/" + taskId, auth(accountId), body, "application/json");
	}

	static JsonNode last(JsonNode array) {
		return array.get(array.size() - 1);
	}

}

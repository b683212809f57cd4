package dev.jiraai.chat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.kagkarlsson.scheduler.Scheduler;
import com.zaxxer.hikari.HikariDataSource;
import dev.jiraai.JiraAiApplication;
import dev.jiraai.support.FakeOpenAi;
import dev.jiraai.support.JiraCloudSimulator;
import dev.jiraai.support.PersonalDataReportingSimulator;
import dev.jiraai.support.SimulatorWiring;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A turn waiting for the user's confirmation outlives the instance it ran on: another
 * instance on the same database shows it and carries the proposal out once.
 */
class ChatRestartTests extends ChatTestSupport {

	@Autowired
	HikariDataSource dataSource;

	@Autowired
	Scheduler scheduler;

	@Test
	void aTurnWaitingForConfirmationIsShownAndCarriedOutOnceByAnotherInstance() throws Exception {
		openAi.reply(GENERAL)
			.reply(new FakeOpenAi.ToolCalls(
					Map.of("proposeComment", "{\"issueKey\": \"SCRUM-2\", \"body\": \"The fix is deployed\"}")))
			.reply("Confirm to post it.");
		JsonNode waiting = turn("Comment on SCRUM-2 that the fix is deployed", "waiting_confirmation");
		String taskId = waiting.path("taskId").asText();
		// This instance takes no further part, as if it had gone away: its scheduler
		// runs nothing, and every request goes to the other instance.
		this.scheduler.pause();
		try (ConfigurableApplicationContext other = otherInstance()) {
			String otherUrl = "http://localhost:" + other.getEnvironment().getProperty("local.server.port");

			JsonNode shown = json.readTree(call(otherUrl, "GET", "/api/chat/result/" + taskId, null).body());
			assertThat(shown.path("status").asText()).as(shown.toString()).isEqualTo("waiting_confirmation");
			assertThat(shown.at("/proposals/0/id").asText()).isEqualTo(waiting.at("/proposals/0/id").asText());
			assertThat(shown.at("/proposals/0/payload/body").asText()).isEqualTo("The fix is deployed");
			openAi.reply("Posted.");

			HttpResponse<String> resumed = call(otherUrl, "POST", "/api/chat/resume/" + taskId,
					"{\"confirmation\": true}");
			assertThat(resumed.statusCode()).as(resumed.body()).isEqualTo(202);
			JsonNode done = await().atMost(Duration.ofSeconds(20))
				.pollInterval(Duration.ofMillis(100))
				.until(() -> json.readTree(call(otherUrl, "GET", "/api/chat/result/" + taskId, null).body()),
						result -> !result.path("status").asText().equals("processing"));

			assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("completed");
			assertThat(done.path("result").asText()).isEqualTo("Posted.");
		}
		finally {
			this.scheduler.resume();
		}
		assertThat(this.site.calls("POST", "/rest/api/3/issue/SCRUM-2/comment")).singleElement()
			.satisfies(call -> assertThat(call.caller()).isEqualTo(this.alice));
		assertThat(this.site.data().issue("SCRUM-2").orElseThrow().path("comments")).hasSize(1);
		assertThat(openAi.requests()).as("what the first instance did is replayed, not asked again").hasSize(4);
	}

	private HttpResponse<String> call(String baseUrl, String method, String path, String body) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
			.header("Authorization", auth(this.alice))
			.header("Accept", "application/json")
			.method(method,
					body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
		if (body != null) {
			request.header("Content-Type", "application/json");
		}
		return send(request.build());
	}

	/** A second instance of the app on this one's database, on a port of its own. */
	private ConfigurableApplicationContext otherInstance() {
		int port = freePort();
		JiraCloudSimulator jira = JiraCloudSimulator.shared();
		// Command-line arguments: they take precedence over application.yml.
		String[] settings = { "server.port=" + port, "app.base-url=http://localhost:" + port,
				"app.id=" + JiraCloudSimulator.FORGE_APP_ID, "app.key=" + JiraCloudSimulator.APP_KEY,
				"atlassian.connect.public-key-base-url=" + jira.publicKeyBaseUrl(),
				"atlassian.connect.forge-invocation-token-jwks-url=" + jira.forgeJwksUrl(),
				"atlassian.connect.all-js-url=" + jira.allJsUrl(), "api.host=localhost",
				"spring.datasource.url=" + this.dataSource.getJdbcUrl(),
				"spring.datasource.username=" + this.dataSource.getUsername(),
				"spring.datasource.password=" + this.dataSource.getPassword(),
				"jira-ai.ai.base-url=" + openAi.baseUrl(), "jira-ai.ai.api-key-file=" + apiKeyFile,
				"jira-ai.ai.key-cache-ttl=PT0S", "jira-ai.ai.request-timeout=PT5S", "jira-ai.features.chat=true",
				"jira-ai.ai.encryption.key=MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=",
				"jira-ai.privacy.reporting-base-url=" + PersonalDataReportingSimulator.shared().baseUrl(),
				"jira-ai.privacy.schedule=-", "db-scheduler.polling-interval=PT0.5S",
				"db-scheduler.shutdown-max-wait=PT0.5S", "spring.main.banner-mode=off" };
		return new SpringApplicationBuilder(JiraAiApplication.class, SimulatorWiring.class)
			.run(Arrays.stream(settings).map(setting -> "--" + setting).toArray(String[]::new));
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}

package dev.jiraai.tasks;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jiraai.JiraAiApplication;
import dev.jiraai.assess.AssessTestData;
import dev.jiraai.support.FakeOpenAi;
import dev.jiraai.support.ForgeCalls;
import dev.jiraai.support.JiraCloudSimulator;
import dev.jiraai.support.PersonalDataReportingSimulator;
import dev.jiraai.support.SimulatedSite;
import dev.jiraai.support.SimulatorWiring;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tasks across instances and restarts: several app instances on one PostgreSQL (each its
 * own application context and port), stopped in the middle of a task and started again.
 * What must hold: any instance shows any task; a task whose instance goes away is
 * finished by another without asking the model again for a step that had finished; a task
 * waiting for its user survives restarts and resumes; and under Forge an answer the model
 * needs 40 s for arrives although no call may last 25 s.
 */
class TaskClusterTests {

	private static final ObjectMapper json = new ObjectMapper();

	private static final JiraCloudSimulator jira = JiraCloudSimulator.shared();

	private static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private static final String INVALID = "{\"summary\": \"not an assessment\"}";

	private static EmbeddedPostgres postgres;

	private static FakeOpenAi openAi;

	private static Path apiKeyFile;

	private static int databases;

	private String jdbcUrl;

	private final List<ConfigurableApplicationContext> running = new java.util.ArrayList<>();

	@BeforeAll
	static void startDatabaseAndModel() throws IOException {
		postgres = EmbeddedPostgres.builder().start();
		openAi = new FakeOpenAi();
		apiKeyFile = Files.createTempFile("cluster-openai-key", ".txt");
		Files.writeString(apiKeyFile, "sk-test-cluster");
	}

	@AfterAll
	static void stopDatabaseAndModel() throws IOException {
		openAi.close();
		postgres.close();
		Files.deleteIfExists(apiKeyFile);
	}

	@BeforeEach
	void freshDatabase() throws SQLException {
		String database = "cluster_" + (++databases);
		try (Connection connection = postgres.getPostgresDatabase().getConnection()) {
			connection.createStatement().execute("CREATE DATABASE " + database);
		}
		this.jdbcUrl = postgres.getJdbcUrl("postgres", database);
		openAi.reset();
	}

	@AfterEach
	void stopInstances() {
		this.running.forEach(ConfigurableApplicationContext::close);
		this.running.clear();
	}

	/** An instance of the app on the shared database. */
	private Instance start() {
		int port = freePort();
		// Command-line arguments: they take precedence over application.yml, as an
		// operator's settings do (the builder's properties would not).
		String[] settings = { "server.port=" + port, "app.base-url=http://localhost:" + port,
				"app.id=" + JiraCloudSimulator.FORGE_APP_ID, "app.key=" + JiraCloudSimulator.APP_KEY,
				"atlassian.connect.public-key-base-url=" + jira.publicKeyBaseUrl(),
				"atlassian.connect.forge-invocation-token-jwks-url=" + jira.forgeJwksUrl(),
				"atlassian.connect.all-js-url=" + jira.allJsUrl(), "api.host=localhost",
				"spring.datasource.url=" + this.jdbcUrl, "spring.datasource.username=postgres",
				"spring.datasource.password=postgres", "jira-ai.ai.base-url=" + openAi.baseUrl(),
				"jira-ai.ai.api-key-file=" + apiKeyFile, "jira-ai.ai.key-cache-ttl=PT0S",
				"jira-ai.ai.request-timeout=PT60S",
				"jira-ai.ai.encryption.key=MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=",
				"jira-ai.privacy.reporting-base-url=" + PersonalDataReportingSimulator.shared().baseUrl(),
				"jira-ai.privacy.schedule=-", "db-scheduler.polling-interval=PT0.5S",
				"db-scheduler.heartbeat-interval=PT1S", "db-scheduler.shutdown-max-wait=PT0.5S",
				"spring.main.banner-mode=off" };
		ConfigurableApplicationContext context = new SpringApplicationBuilder(JiraAiApplication.class,
				SimulatorWiring.class)
			.run(java.util.Arrays.stream(settings).map(setting -> "--" + setting).toArray(String[]::new));
		this.running.add(context);
		return new Instance(context, "http://localhost:" + port);
	}

	private void stop(Instance instance) {
		instance.context().close();
		this.running.remove(instance.context());
	}

	record Instance(ConfigurableApplicationContext context, String baseUrl) {

		HttpResponse<String> connect(SimulatedSite site, String accountId, String method, String path, String body,
				String... headers) {
			HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.baseUrl + path))
				.header("Authorization", "JWT " + site.contextJwt(accountId))
				.header("Accept", "application/json")
				.method(method,
						body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
			if (headers.length > 0) {
				request.headers(headers);
			}
			try {
				return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
			}
			catch (IOException | InterruptedException ex) {
				throw new IllegalStateException(ex);
			}
		}

		ForgeCalls forge() {
			return new ForgeCalls(http, this.baseUrl);
		}

	}

	@Test
	void aTaskIsSeenFromAnyInstanceAndFinishedByAnotherWhenItsOwnStops() throws Exception {
		Instance first = start();
		SimulatedSite site = installed(first, "cluster-a");
		String alice = site.user("Alice");
		openAi.reply(INVALID)
			.reply(new FakeOpenAi.Delayed(Duration.ofSeconds(40),
					new FakeOpenAi.Text(List.of(AssessTestData.VALID), 9, 9)))
			.reply(AssessTestData.VALID);

		HttpResponse<String> started = first.connect(site, alice, "POST", "/api/issues/SCRUM-1/assessments", null,
				"Prefer", "respond-async");
		assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
		String taskId = json.readTree(started.body()).path("taskId").asText();
		// The first answer was invalid and has been checkpointed; the repair is under
		// way.
		await().atMost(Duration.ofSeconds(15)).until(() -> openAi.requests().size() == 2);

		Instance second = start();
		JsonNode seen = json.readTree(second.connect(site, alice, "GET", "/api/tasks/" + taskId, null).body());
		assertThat(seen.path("status").asText()).isEqualTo("processing");
		assertThat(seen.at("/progress/stage").asText()).isEqualTo("asking-model");

		stop(first);

		JsonNode done = await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> json.readTree(second.connect(site, alice, "GET", "/api/tasks/" + taskId, null).body()),
					task -> !task.path("status").asText().equals("processing"));
		assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("completed");
		assertThat(done.at("/result/scores/overall").asInt()).isEqualTo(5);
		assertThat(openAi.requests()).hasSize(3);
		assertThat(firstAnswersAskedFor()).as("the checkpointed first answer is not asked for again").isEqualTo(1);
		HttpResponse<String> events = second.connect(site, alice, "GET", "/api/tasks/" + taskId + "/events", null,
				"Accept", "text/event-stream");
		assertThat(events.body()).contains("event:progress").contains("event:result");
		JsonNode history = json
			.readTree(second.connect(site, alice, "GET", "/api/issues/SCRUM-1/assessments", null).body());
		assertThat(history).as("stored once").hasSize(1);
	}

	@Test
	void aTaskWhoseInstanceDiesIsTakenOverAfterTheHeartbeatTimeout() throws Exception {
		Instance first = start();
		Instance second = start();
		SimulatedSite site = installed(first, "cluster-d");
		String alice = site.user("Alice");
		openAi.reply(INVALID)
			.reply(new FakeOpenAi.Delayed(Duration.ofSeconds(40),
					new FakeOpenAi.Text(List.of(AssessTestData.VALID), 9, 9)))
			.reply(AssessTestData.VALID);
		// The second instance must not pick the task before the first one does.
		second.context().getBean(com.github.kagkarlsson.scheduler.Scheduler.class).pause();
		String taskId = json
			.readTree(first
				.connect(site, alice, "POST", "/api/issues/SCRUM-1/assessments", null, "Prefer", "respond-async")
				.body())
			.path("taskId")
			.asText();
		await().atMost(Duration.ofSeconds(15)).until(() -> openAi.requests().size() == 2);
		second.context().getBean(com.github.kagkarlsson.scheduler.Scheduler.class).resume();

		// The first instance dies as far as the cluster can tell: it loses its database,
		// so it neither heartbeats nor finishes anything; nothing of it shuts down
		// cleanly.
		first.context().getBean(com.zaxxer.hikari.HikariDataSource.class).close();

		JsonNode done = await().atMost(Duration.ofSeconds(40))
			.pollInterval(Duration.ofMillis(250))
			.until(() -> json.readTree(second.connect(site, alice, "GET", "/api/tasks/" + taskId, null).body()),
					task -> !task.path("status").asText().equals("processing"));
		assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("completed");
		assertThat(openAi.requests()).hasSize(3);
		assertThat(firstAnswersAskedFor()).isEqualTo(1);
	}

	@Test
	void aTaskWaitingForItsUserSurvivesRestartsAndResumesAsThem() throws Exception {
		Instance first = start();
		SimulatedSite site = installed(first, "cluster-b");
		String alice = site.user("Alice");
		openAi.reply(INVALID)
			.reply(new FakeOpenAi.Delayed(Duration.ofSeconds(40),
					new FakeOpenAi.Text(List.of(AssessTestData.VALID), 9, 9)))
			.reply(AssessTestData.VALID);
		// Forge user tokens live minutes; this one only long enough for the first run.
		String shortLived = site.forgeUserToken(alice, Duration.ofSeconds(8));
		HttpResponse<String> started = first.forge()
			.call(site, alice, shortLived, "POST", "/api/issues/SCRUM-1/assessments", null, "Prefer", "respond-async");
		assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
		String taskId = json.readTree(started.body()).path("taskId").asText();
		await().atMost(Duration.ofSeconds(15)).until(() -> openAi.requests().size() == 2);
		stop(first);
		Thread.sleep(8_000); // the user's token has expired meanwhile

		Instance second = start();
		JsonNode waiting = await().atMost(Duration.ofSeconds(20))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> poll(second, site, alice, taskId), task -> !task.path("status").asText().equals("processing"));
		assertThat(waiting.path("status").asText()).as(waiting.toString()).isEqualTo("waiting_confirmation");
		assertThat(waiting.at("/progress/message").asText()).contains("Continue");
		stop(second);

		Instance third = start();
		assertThat(poll(third, site, alice, taskId).path("status").asText()).isEqualTo("waiting_confirmation");
		HttpResponse<String> resumed = third.forge()
			.call(site, alice, site.forgeUserToken(alice), "POST", "/api/tasks/" + taskId + "/resume",
					"{\"decision\":\"continue\"}");
		assertThat(resumed.statusCode()).as(resumed.body()).isEqualTo(202);
		JsonNode done = await().atMost(Duration.ofSeconds(20))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> poll(third, site, alice, taskId), task -> !task.path("status").asText().equals("processing"));
		assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("completed");
		assertThat(openAi.requests()).hasSize(3);
		assertThat(firstAnswersAskedFor()).isEqualTo(1);
	}

	@Test
	void underForgeAnAnswerTheModelNeeds40SecondsForArrivesWithNoCallOver25Seconds() throws Exception {
		Instance instance = start();
		SimulatedSite site = installed(instance, "cluster-c");
		String alice = site.user("Alice");
		openAi.reply(new FakeOpenAi.Delayed(Duration.ofSeconds(40), new FakeOpenAi.Text(
				List.of(AssessTestData.VALID.substring(0, 30), AssessTestData.VALID.substring(30)), 9, 9)));

		HttpResponse<String> started = instance.forge()
			.call(site, alice, site.forgeUserToken(alice), "POST", "/api/issues/SCRUM-1/assessments", null, "Prefer",
					"respond-async");

		assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
		String taskId = json.readTree(started.body()).path("taskId").asText();
		JsonNode done = await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofSeconds(1))
			.until(() -> poll(instance, site, alice, taskId),
					task -> !task.path("status").asText().equals("processing"));
		assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("completed");
		assertThat(done.at("/result/issueKey").asText()).isEqualTo("SCRUM-1");
	}

	private static JsonNode poll(Instance instance, SimulatedSite site, String accountId, String taskId)
			throws IOException {
		HttpResponse<String> response = instance.forge()
			.call(site, accountId, site.forgeUserToken(accountId), "GET", "/api/tasks/" + taskId, null);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return json.readTree(response.body());
	}

	/** Model requests that asked for a first answer (not a repair of one). */
	private static long firstAnswersAskedFor() {
		return openAi.requests().stream().filter(request -> !request.toString().contains("is not valid")).count();
	}

	private static SimulatedSite installed(Instance instance, String name) {
		SimulatedSite site = jira.newSite(name);
		HttpResponse<String> installed = site.install(instance.baseUrl());
		assertThat(installed.statusCode()).as(installed.body()).isEqualTo(204);
		return site;
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

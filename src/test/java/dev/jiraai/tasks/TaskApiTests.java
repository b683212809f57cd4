package dev.jiraai.tasks;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jiraai.assess.AssessTestData;
import dev.jiraai.support.AppTestSupport;
import dev.jiraai.support.FakeOpenAi;
import dev.jiraai.support.SimulatedSite;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The task API as the panels use it: start with {@code Prefer: respond-async}, poll
 * (Forge) or follow the events (Connect), resume a dropped stream, cancel; another user's
 * or site's task is not found.
 */
class TaskApiTests extends AppTestSupport {

	private static final ObjectMapper json = new ObjectMapper();

	@org.springframework.beans.factory.annotation.Autowired
	private org.springframework.jdbc.core.simple.JdbcClient jdbc;

	private SimulatedSite site;

	private String alice;

	@BeforeEach
	void install() {
		this.site = installedSite("tasks");
		this.alice = this.site.user("Alice");
	}

	private String connect(String accountId) {
		return "JWT " + this.site.contextJwt(accountId);
	}

	private HttpResponse<String> startAssessment(String issueKey, String query) {
		return send(
				HttpRequest.newBuilder(URI.create(appBaseUrl() + "/api/issues/" + issueKey + "/assessments" + query))
					.header("Authorization", connect(this.alice))
					.header("Accept", "application/json")
					.header("Prefer", "respond-async")
					.POST(HttpRequest.BodyPublishers.noBody())
					.build());
	}

	private JsonNode read(HttpResponse<String> response) throws Exception {
		return json.readTree(response.body());
	}

	private JsonNode waitFor(String taskId, String status) {
		return await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50)).until(() -> {
			HttpResponse<String> response = get("/api/tasks/" + taskId, connect(this.alice));
			assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
			return read(response);
		}, task -> task.path("status").asText().equals(status));
	}

	@Test
	void anAssessmentStartedAsyncAnswers202AtOnceAndCompletesWithTheAssessment() throws Exception {
		openAi.reply(new FakeOpenAi.Delayed(Duration.ofMillis(500), new FakeOpenAi.Text(
				List.of(AssessTestData.VALID.substring(0, 50), AssessTestData.VALID.substring(50)), 900, 300)));

		HttpResponse<String> started = startAssessment("SCRUM-1", "");

		assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
		JsonNode body = read(started);
		String taskId = body.path("taskId").asText();
		assertThat(body.path("kind").asText()).isEqualTo("assess");
		assertThat(body.path("status").asText()).isEqualTo("processing");
		assertThat(started.headers().firstValue("Location")).hasValue("/api/tasks/" + taskId);
		assertThat(started.headers().firstValue("Preference-Applied")).hasValue("respond-async");

		JsonNode task = waitFor(taskId, "completed");
		assertThat(task.at("/result/issueKey").asText()).isEqualTo("SCRUM-1");
		assertThat(task.at("/result/scores/overall").asInt()).isEqualTo(5);
		assertThat(task.path("problem").isMissingNode()).isTrue();
		assertThat(task.path("text").isMissingNode()).as("text is shown only while running").isTrue();
		// Stored like a synchronous assessment: the next one is the cached one.
		JsonNode history = read(get("/api/issues/SCRUM-1/assessments", connect(this.alice)));
		assertThat(history).hasSize(1);
		assertThat(history.get(0).path("id").asText()).isEqualTo(task.at("/result/id").asText());
	}

	@Test
	void theEventsReplayInOrderAndResumeAfterLastEventIdWithoutRepeats() throws Exception {
		openAi.replyStreamed(AssessTestData.VALID.substring(0, 40), AssessTestData.VALID.substring(40, 90),
				AssessTestData.VALID.substring(90));
		String taskId = read(startAssessment("SCRUM-1", "")).path("taskId").asText();

		List<Event> all = events(taskId, null);

		assertThat(all).extracting(Event::name).first().isEqualTo("progress");
		assertThat(all).extracting(Event::name).last().isEqualTo("result");
		assertThat(all).extracting(Event::name).contains("text");
		assertThat(all).extracting(Event::id).isSorted().doesNotHaveDuplicates();
		String text = all.stream()
			.filter(event -> event.name().equals("text"))
			.map(event -> event.data().path("delta").asText())
			.reduce("", String::concat);
		assertThat(text).isEqualTo(AssessTestData.VALID);
		assertThat(all.get(all.size() - 1).data().at("/scores/overall").asInt()).isEqualTo(5);

		Event middle = all.get(all.size() / 2);
		List<Event> resumed = events(taskId, Long.toString(middle.id()));
		assertThat(resumed).isEqualTo(all.subList(all.size() / 2 + 1, all.size()));
	}

	@Test
	void aFailedTaskCarriesTheProblemTheSynchronousCallWouldHaveAnswered() throws Exception {
		openAi.reply(new FakeOpenAi.Error(400, "invalid_request_error", "context_length_exceeded", "Too long", null));
		String taskId = read(startAssessment("SCRUM-1", "")).path("taskId").asText();

		JsonNode task = waitFor(taskId, "failed");

		assertThat(task.at("/problem/status").asInt()).isEqualTo(502);
		assertThat(task.at("/problem/type").asText()).endsWith("ai-rejected");
		List<Event> all = events(taskId, null);
		assertThat(all).extracting(Event::name).last().isEqualTo("error");
	}

	@Test
	void anotherUsersOrAnotherSitesTaskIsNotFound() throws Exception {
		openAi.reply(AssessTestData.VALID);
		String taskId = read(startAssessment("SCRUM-1", "")).path("taskId").asText();
		waitFor(taskId, "completed");
		String bob = this.site.user("Bob");
		SimulatedSite other = installedSite("tasks-other");

		assertThat(get("/api/tasks/" + taskId, connect(bob)).statusCode()).isEqualTo(404);
		assertThat(get("/api/tasks/" + taskId + "/events", connect(bob)).statusCode()).isEqualTo(404);
		assertThat(post("/api/tasks/" + taskId + "/cancel", connect(bob), null, "application/json").statusCode())
			.isEqualTo(404);
		assertThat(get("/api/tasks/" + taskId, "JWT " + other.contextJwt(other.user("Alice"))).statusCode())
			.isEqualTo(404);
		HttpResponse<String> missing = get("/api/tasks/" + java.util.UUID.randomUUID(), connect(this.alice));
		assertThat(missing.statusCode()).isEqualTo(404);
		assertThat(read(missing).path("type").asText()).endsWith("task-not-found");
	}

	@Test
	void aCancelledTaskStopsTheModelCallAndStoresNothing() throws Exception {
		openAi.reply(new FakeOpenAi.Delayed(Duration.ofSeconds(4),
				new FakeOpenAi.Text(List.of(AssessTestData.VALID), 900, 300)));
		String taskId = read(startAssessment("SCRUM-1", "")).path("taskId").asText();
		await().atMost(Duration.ofSeconds(5)).until(() -> openAi.requests().size() == 1);

		HttpResponse<String> cancelled = post("/api/tasks/" + taskId + "/cancel", connect(this.alice), null,
				"application/json");

		assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(200);
		assertThat(read(cancelled).path("status").asText()).isEqualTo("cancelled");
		assertThat(events(taskId, null)).extracting(Event::name).last().isEqualTo("cancelled");
		Thread.sleep(4500);
		assertThat(read(get("/api/tasks/" + taskId, connect(this.alice))).path("status").asText())
			.isEqualTo("cancelled");
		assertThat(read(get("/api/issues/SCRUM-1/assessments", connect(this.alice)))).isEmpty();
		HttpResponse<String> again = post("/api/tasks/" + taskId + "/cancel", connect(this.alice), null,
				"application/json");
		assertThat(again.statusCode()).isEqualTo(409);
	}

	@Test
	void theForgePanelStartsATaskAndPollsItWithinForgesLimit() throws Exception {
		openAi.reply(new FakeOpenAi.Delayed(Duration.ofSeconds(1), new FakeOpenAi.Text(
				List.of(AssessTestData.VALID.substring(0, 60), AssessTestData.VALID.substring(60)), 900, 300)));

		HttpResponse<String> started = forgeCall(this.site, this.alice, "POST", "/api/issues/SCRUM-1/assessments", null,
				"Prefer", "respond-async");

		assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
		String taskId = read(started).path("taskId").asText();
		List<String> stages = new ArrayList<>();
		JsonNode task = await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100)).until(() -> {
			JsonNode polled = read(forgeCall(this.site, this.alice, "GET", "/api/tasks/" + taskId, null));
			String stage = polled.at("/progress/stage").asText();
			if (!stage.isEmpty() && (stages.isEmpty() || !stages.get(stages.size() - 1).equals(stage))) {
				stages.add(stage);
			}
			return polled;
		}, polled -> polled.path("status").asText().equals("completed"));
		assertThat(task.at("/result/issueKey").asText()).isEqualTo("SCRUM-1");
		assertThat(stages).contains("asking-model");
		// Jira was read as Alice through the Forge gateway, with her Forge token, off the
		// request thread.
		assertThat(this.site.calls()).filteredOn(call -> call.path().endsWith("/rest/api/3/issue/SCRUM-1"))
			.isNotEmpty()
			.allSatisfy(call -> assertThat(call.caller()).isEqualTo(this.alice));
	}

	@Test
	void aBadResumeDecisionIsAProblemAndAFinishedTaskCannotBeResumed() throws Exception {
		openAi.reply(AssessTestData.VALID);
		String taskId = read(startAssessment("SCRUM-1", "")).path("taskId").asText();
		waitFor(taskId, "completed");

		HttpResponse<String> bad = post("/api/tasks/" + taskId + "/resume", connect(this.alice),
				"{\"decision\":\"maybe\"}", "application/json");
		HttpResponse<String> late = post("/api/tasks/" + taskId + "/resume", connect(this.alice),
				"{\"decision\":\"continue\"}", "application/json");

		assertThat(bad.statusCode()).isEqualTo(400);
		assertThat(late.statusCode()).isEqualTo(409);
		assertThat(read(late).path("type").asText()).endsWith("task-conflict");
	}

	@Test
	void aSpentBudgetRefusesTheStartAndNothingIsQueued() throws Exception {
		this.jdbc.sql("""
				INSERT INTO llm_usage_daily (client_key, day, account_id, tokens, updated_at)
				VALUES (?, (now() AT TIME ZONE 'UTC')::date, ?, 210000, now())
				""").params(this.site.clientKey(), this.alice).update();

		HttpResponse<String> refused = startAssessment("SCRUM-1", "");

		assertThat(refused.statusCode()).as(refused.body()).isEqualTo(429);
		assertThat(read(refused).path("type").asText()).endsWith("ai-budget-exceeded");
		assertThat(refused.headers().firstValue("Retry-After")).isPresent();
		assertThat(this.jdbc.sql("SELECT count(*) FROM ai_task WHERE client_key = ?")
			.param(this.site.clientKey())
			.query(Integer.class)
			.single()).isZero();
		assertThat(openAi.requests()).isEmpty();
	}

	@Test
	void aSiteWithAsManyTasksRunningAsItMayIsAskedToWait() throws Exception {
		// As many running tasks of the site as jira-ai.tasks.max-running-per-site (50),
		// on whichever instances.
		for (int i = 0; i < 50; i++) {
			this.jdbc
				.sql("""
						INSERT INTO ai_task (id, client_key, account_id, kind, input, status, channel, created_at, updated_at)
						VALUES (gen_random_uuid(), ?, ?, 'assess', '{}', 'processing', 'connect', now(), now())
						""")
				.params(this.site.clientKey(), this.site.user("Bob"))
				.update();
		}

		HttpResponse<String> refused = startAssessment("SCRUM-1", "");

		assertThat(refused.statusCode()).as(refused.body()).isEqualTo(429);
		assertThat(read(refused).path("type").asText()).endsWith("too-many-tasks");
		assertThat(refused.headers().firstValue("Retry-After")).isPresent();
		SimulatedSite other = installedSite("tasks-not-busy");
		openAi.reply(AssessTestData.VALID);
		HttpResponse<String> elsewhere = send(
				HttpRequest.newBuilder(URI.create(appBaseUrl() + "/api/issues/SCRUM-1/assessments"))
					.header("Authorization", "JWT " + other.contextJwt(other.user("Alice")))
					.header("Accept", "application/json")
					.header("Prefer", "respond-async")
					.POST(HttpRequest.BodyPublishers.noBody())
					.build());
		assertThat(elsewhere.statusCode()).as("another site is not held up").isEqualTo(202);
		String otherTask = read(elsewhere).path("taskId").asText();
		String otherAuth = "JWT " + other.contextJwt(other.user("Alice"));
		// Finished before the next test scripts the model.
		await().atMost(Duration.ofSeconds(15))
			.until(() -> read(get("/api/tasks/" + otherTask, otherAuth)).path("status").asText().equals("completed"));
	}

	record Event(long id, String name, JsonNode data) {
	}

	/** The task's events from the SSE endpoint, after {@code lastEventId} if given. */
	private List<Event> events(String taskId, String lastEventId) throws Exception {
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI.create(appBaseUrl() + "/api/tasks/" + taskId + "/events"))
			.header("Authorization", connect(this.alice))
			.header("Accept", "text/event-stream")
			.timeout(Duration.ofSeconds(20))
			.GET();
		if (lastEventId != null) {
			request.header("Last-Event-ID", lastEventId);
		}
		HttpResponse<String> response = send(request.build());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		List<Event> events = new ArrayList<>();
		for (String frame : response.body().split("\n\n")) {
			long id = -1;
			String name = null;
			StringBuilder data = new StringBuilder();
			for (String line : frame.split("\n")) {
				if (line.startsWith("id:")) {
					id = Long.parseLong(line.substring(3).trim());
				}
				else if (line.startsWith("event:")) {
					name = line.substring(6).trim();
				}
				else if (line.startsWith("data:")) {
					data.append(line.substring(5));
				}
			}
			if (name != null) {
				events.add(new Event(id, name, json.readTree(data.toString())));
			}
		}
		return events;
	}

}

package dev.jiraai.tenancy;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jiraai.ai.SiteModelSettings;
import dev.jiraai.assess.AssessTestData;
import dev.jiraai.chat.ChatSettings;
import dev.jiraai.chat.ChatSiteSettings;
import dev.jiraai.support.AppTestSupport;
import dev.jiraai.support.SimulatedSite;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What a reinstall finds of a site's data, before and after its retention period
 * ({@code P30D} by default): all of it within, none of it after, whether or not the
 * periodic purge ran. The tables are taken from the database catalogue, so a table added
 * later that holds site data cannot be forgotten by the purge.
 */
class SiteDataRetentionTests extends AppTestSupport {

	private static final ObjectMapper json = new ObjectMapper();

	/** Rows the install itself writes; everything else must be gone after a purge. */
	private static final List<String> INSTALL_TABLES = List.of("atlassian_host", "atlassian_host_mapping");

	@Autowired
	JdbcClient jdbc;

	@Autowired
	SiteModelSettings modelSettings;

	@Autowired
	SiteDataRetention retention;

	@Autowired
	ChatSettings chatSettings;

	@Autowired
	SiteFeatures features;

	@Test
	void aReinstallAfterRetentionFindsNoneOfTheOldData() throws Exception {
		SimulatedSite site = installedSite("retention-over");
		SimulatedSite neighbour = installedSite("retention-neighbour");
		String alice = site.user("Alice");
		useEveryFeature(site, alice);
		useEveryFeature(neighbour, neighbour.user("Alice"));
		assertThat(siteRows(site)).as("rows of the site in every site-keyed table, before uninstalling")
			.allSatisfy((table, rows) -> assertThat(rows).as(table).isPositive());
		Map<String, Integer> neighbourBefore = siteRows(neighbour);

		uninstall(site);
		clock.advance(Duration.ofDays(30).plusMinutes(1));
		assertThat(site.install(appBaseUrl()).statusCode()).isEqualTo(204);

		assertThat(siteRows(site)).as("rows of the site after the reinstall")
			.allSatisfy((table, rows) -> assertThat(rows).as(table).isEqualTo(INSTALL_TABLES.contains(table) ? 1 : 0));
		assertThat(json.readTree(get("/api/issues/SCRUM-1/assessments", "JWT " + site.contextJwt(alice)).body()))
			.isEmpty();
		assertThat(this.chatSettings.of(site(site))).as("the assistant's settings, cached before")
			.isEqualTo(ChatSiteSettings.DEFAULTS);
		assertThat(siteRows(neighbour)).as("another site's data").isEqualTo(neighbourBefore);
	}

	@Test
	void aReinstallWithinRetentionFindsAllOfIt() throws Exception {
		SimulatedSite site = installedSite("retention-within");
		String alice = site.user("Alice");
		useEveryFeature(site, alice);
		Map<String, Integer> before = siteRows(site);

		uninstall(site);
		clock.advance(Duration.ofDays(30).minusMinutes(1));
		assertThat(site.install(appBaseUrl()).statusCode()).isEqualTo(204);

		assertThat(siteRows(site)).isEqualTo(before);
		assertThat(json.readTree(get("/api/issues/SCRUM-1/assessments", "JWT " + site.contextJwt(alice)).body()))
			.hasSize(1);
		await().untilAsserted(() -> assertThat(this.retention.scheduledDeletion(site.clientKey())).isEmpty());
	}

	@Test
	void thePeriodicPurgeLeavesNoRowOfTheSite() {
		SimulatedSite site = installedSite("retention-purge");
		useEveryFeature(site, site.user("Alice"));

		uninstall(site);
		assertThat(this.retention.purgeDue(clock.instant().plus(Duration.ofDays(31)))).contains(site.clientKey());

		assertThat(siteRows(site)).allSatisfy((table, rows) -> assertThat(rows).as(table).isZero());
	}

	private void uninstall(SimulatedSite site) {
		assertThat(site.uninstall(appBaseUrl()).statusCode()).isEqualTo(204);
		await().untilAsserted(() -> assertThat(this.retention.scheduledDeletion(site.clientKey())).isPresent());
	}

	/**
	 * Leaves data of the site in every table that holds any: an assessment (and its model
	 * usage), a confirmed comment (proposal and audit), an AI task, the site's model
	 * settings, a prompt override, a stand-up, its snooze and the chat's flow of it, and
	 * its personal data reporting schedule.
	 */
	private void useEveryFeature(SimulatedSite site, String accountId) {
		String auth = "JWT " + site.contextJwt(accountId);
		openAi.reply(AssessTestData.VALID);
		HttpResponse<String> assessed = post("/api/issues/SCRUM-1/assessments", auth, null, "application/json");
		assertThat(assessed.statusCode()).as(assessed.body()).isEqualTo(200);
		JsonNode proposal = read(post("/api/assessments/" + read(assessed).path("id").asText() + "/proposals", auth,
				"{\"action\":\"comment\"}", "application/json"));
		HttpResponse<String> confirmed = post("/api/proposals/" + proposal.path("proposalId").asText() + "/confirm",
				auth, null, "application/json");
		assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(200);
		// A finished task: the async start the panels use.
		openAi.reply(AssessTestData.VALID);
		HttpResponse<String> task = send(java.net.http.HttpRequest
			.newBuilder(java.net.URI.create(appBaseUrl() + "/api/issues/SCRUM-2/assessments"))
			.header("Authorization", auth)
			.header("Accept", "application/json")
			.header("Prefer", "respond-async")
			.POST(java.net.http.HttpRequest.BodyPublishers.noBody())
			.build());
		assertThat(task.statusCode()).as(task.body()).isEqualTo(202);
		String taskId = read(task).path("taskId").asText();
		JsonNode finished = org.awaitility.Awaitility.await()
			.atMost(java.time.Duration.ofSeconds(10))
			.until(() -> read(get("/api/tasks/" + taskId, auth)),
					polled -> !polled.path("status").asText().equals("processing"));
		assertThat(finished.path("status").asText()).as(finished.toString()).isEqualTo("completed");
		this.modelSettings.change(site(site),
				new SiteModelSettings.Change("https://llm.example.com", "gpt-4o", "sk-site-key"), accountId);
		this.features.change(site(site), java.util.Map.of("draft", false), accountId);
		this.jdbc.sql("""
				INSERT INTO prompt_override (client_key, prompt_id, body, updated_at, updated_by)
				VALUES (?, 'ticket_assessor', 'Assess strictly.', now(), ?)
				""").params(site.clientKey(), accountId).update();
		// Today's stand-up and its snooze, through the stand-up API.
		HttpResponse<String> standup = send(
				java.net.http.HttpRequest.newBuilder(java.net.URI.create(appBaseUrl() + "/api/standup/today"))
					.header("Authorization", auth)
					.header("Content-Type", "application/json")
					.PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"yesterday\": \"Fixed SCRUM-2\"}"))
					.build());
		assertThat(standup.statusCode()).as(standup.body()).isEqualTo(200);
		assertThat(post("/api/standup/snooze", auth, null, "application/json").statusCode()).isEqualTo(204);
		// A stand-up the chat had started asking.
		this.jdbc
			.sql("""
					INSERT INTO chat_standup_flow (client_key, account_id, flow_date, answered, deferred_message, updated_at)
					VALUES (?, ?, current_date, 1, 'What am I working on?', now())
					""")
			.params(site.clientKey(), accountId)
			.update();
		// A conversation with the model, as the chat memory keeps it.
		this.jdbc.sql("""
				INSERT INTO ai_conversation_message (client_key, account_id, conversation_id, message_type, content,
				    created_at)
				VALUES (?, ?, 'c-1', 'USER', 'Which of my issues are blocked?', now())
				""").params(site.clientKey(), accountId).update();
		// The assistant's conversation it belongs to.
		this.jdbc.sql("""
				INSERT INTO chat_conversation (client_key, account_id, id, title, created_at, updated_at)
				VALUES (?, ?, 'c-1', 'Which of my issues are blocked?', now(), now())
				""").params(site.clientKey(), accountId).update();
		// The assistant's settings, read once so the cache holds them too.
		this.chatSettings.change(site(site), new ChatSiteSettings(true, java.util.Set.of("myIssues")), accountId);
		assertThat(this.chatSettings.of(site(site)).readOnly()).isTrue();
		// An API token, used once (its per-minute counter), and the site's switch for
		// tokens set by an admin.
		JsonNode token = read(post("/api/tokens", auth,
				"{\"name\": \"script\", \"expiresInDays\": 7, \"scopes\": [\"chat\"]}", "application/json"));
		assertThat(get("/api/chat/result/" + java.util.UUID.randomUUID(), "Bearer " + token.path("token").asText())
			.statusCode()).isEqualTo(404);
		assertThat(send(
				java.net.http.HttpRequest.newBuilder(java.net.URI.create(appBaseUrl() + "/api/admin/token-settings"))
					.header("Authorization", auth)
					.header("Content-Type", "application/json")
					.PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"enabled\": true}"))
					.build())
			.statusCode()).isEqualTo(200);
		// The personal data reporting schedule, as its job leaves it.
		this.jdbc.sql("""
				INSERT INTO personal_data_report (client_key, next_due_at) VALUES (?, now() + interval '7 days')
				ON CONFLICT (client_key) DO NOTHING
				""").param(site.clientKey()).update();
	}

	/** Rows of the site in every table the catalogue shows with a site-keyed column. */
	private Map<String, Integer> siteRows(SimulatedSite site) {
		List<Map<String, Object>> columns = this.jdbc
			.sql("""
					SELECT table_name, column_name FROM information_schema.columns
					WHERE table_schema = current_schema() AND (column_name = 'client_key' OR column_name LIKE '%\\_client_key')
					AND table_name NOT LIKE 'flyway%'
					""")
			.query()
			.listOfRows();
		assertThat(columns).as("site-keyed columns in the catalogue").hasSizeGreaterThan(5);
		Map<String, Integer> rows = new TreeMap<>();
		for (Map<String, Object> column : columns) {
			String table = (String) column.get("table_name");
			if (table.equals("site_data_deletion")) {
				continue;
			}
			Integer count = this.jdbc
				.sql("SELECT count(*) FROM \"%s\" WHERE \"%s\" = ?".formatted(table, column.get("column_name")))
				.param(site.clientKey())
				.query(Integer.class)
				.single();
			rows.merge(table, count, Integer::sum);
		}
		return rows;
	}

	private static JsonNode read(HttpResponse<String> response) {
		try {
			return json.readTree(response.body());
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}

package dev.jiraai.ai;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jiraai.support.AppTestSupport;
import dev.jiraai.support.FakeOpenAi;
import dev.jiraai.support.SimulatedSite;
import dev.jiraai.tenancy.Site;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The AI core over the wire: Spring AI's OpenAI client against {@link FakeOpenAi},
 * through the app's gateway and the intent API.
 */
class AiWireTests extends AppTestSupport {

	private static final ObjectMapper json = new ObjectMapper();

	private static final String VALID_INTENT = """
			{"intent":"assess_ticket","confidence":0.92,"entities":{"issueKeys":["SCRUM-1","FAKE-9"],
			"project":"SCRUM","priority":null},"reasoning":"Asks for a review of SCRUM-1."}""";

	@Autowired
	LlmGateway gateway;

	@Autowired
	IntentClassifier classifier;

	@Autowired
	SiteModelSettings modelSettings;

	@Autowired
	PromptCatalog catalog;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	dev.jiraai.database.ClusterCaches clusterCaches;

	private SimulatedSite site;

	private String alice;

	@BeforeEach
	void install() {
		this.site = installedSite("ai");
		this.alice = this.site.user("Alice");
	}

	private HttpResponse<String> classify(String message) throws Exception {
		return send(HttpRequest.newBuilder(URI.create(appBaseUrl() + "/api/intents"))
			.header("Authorization", "JWT " + this.site.contextJwt(this.alice))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(Map.of("message", message))))
			.build());
	}

	private AiCall call(String message) {
		return new AiCall(site(this.site), this.alice, "chat", "intent_classifier.system", "intent_classifier",
				Map.of("message", message, "projects", "SCRUM Payments Platform", "today", "2026-11-21"));
	}

	@Test
	void classifiesThroughTheApiWithStructuredOutput() throws Exception {
		openAi.reply(VALID_INTENT);

		HttpResponse<String> response = classify("Please review SCRUM-1 before planning");

		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		JsonNode intent = json.readTree(response.body());
		assertThat(intent.path("intent").asText()).isEqualTo("assess_ticket");
		assertThat(intent.path("confident").asBoolean()).isTrue();
		assertThat(intent.path("issueKeys").toString()).as("keys the message does not contain are dropped")
			.isEqualTo("[\"SCRUM-1\"]");
		assertThat(intent.path("project").asText()).isEqualTo("SCRUM");
		JsonNode request = openAi.requests().get(0);
		assertThat(request.at("/response_format/type").asText()).isEqualTo("json_schema");
		assertThat(request.at("/messages/1/content").asText())
			.contains("<untrusted_data source=\"message\">\nPlease review SCRUM-1 before planning\n</untrusted_data>");
		assertThat(request.at("/temperature").asDouble()).isEqualTo(0.0);
		assertThat(openAi.authorizations()).containsExactly("Bearer " + DEFAULT_API_KEY);
	}

	@Test
	void reportsLowConfidenceInsteadOfGuessing() {
		openAi.reply("""
				{"intent":"create_ticket","confidence":0.35,"entities":{"issueKeys":[],"project":null,
				"priority":null},"reasoning":"Unclear."}""");

		Intent intent = this.classifier.classify(site(this.site), this.alice, "hmm, the thing", List.of());

		assertThat(intent.confident()).isFalse();
		assertThat(intent.confidence()).isEqualTo(0.35);
	}

	@Test
	void repairsAnInvalidAnswerOnce() {
		openAi.reply("Sure! Here is the intent: assess_ticket").reply(VALID_INTENT);

		Intent intent = this.classifier.classify(site(this.site), this.alice, "review SCRUM-1", List.of("SCRUM x"));

		assertThat(intent.intent()).isEqualTo(Intent.Kind.ASSESS_TICKET);
		assertThat(openAi.requests()).hasSize(2);
		JsonNode first = openAi.requests().get(0).path("messages");
		JsonNode repair = openAi.requests().get(1).path("messages");
		assertThat(repair).hasSize(first.size() + 2);
		for (int i = 0; i < first.size(); i++) {
			assertThat(repair.get(i)).as("the messages of the first request").isEqualTo(first.get(i));
		}
		assertThat(repair.get(repair.size() - 2).path("role").asText()).isEqualTo("assistant");
		assertThat(repair.get(repair.size() - 2).path("content").asText()).contains("Here is the intent");
		assertThat(repair.get(repair.size() - 1).path("content").asText()).contains("not valid").contains("not JSON");
		assertThat(openAi.requests().get(1).at("/response_format/type").asText()).isEqualTo("json_schema");
		assertThat(outcomes()).as("each round is a usage row of its own").containsExactly("ok", "ok");
	}

	@Test
	void answersBadGatewayWhenTheAnswerStaysInvalid() throws Exception {
		openAi.reply("{\"intent\":\"dance\"}").reply("{\"intent\":\"dance\",\"confidence\":7}");

		HttpResponse<String> response = classify("review SCRUM-1");

		assertThat(response.statusCode()).isEqualTo(502);
		assertThat(json.readTree(response.body()).path("type").asText()).endsWith("/ai-output-invalid");
		assertThat(openAi.requests()).as("one repair round, no third request").hasSize(2);
		assertThat(outcomes()).containsExactly("ok", "ok");
	}

	@Test
	void streamsTheAnswer() {
		openAi.replyStreamed("The ", "ticket ", "is ready.");

		List<String> pieces = this.gateway.stream(call("hi")).collectList().block(Duration.ofSeconds(10));

		assertThat(String.join("", pieces)).isEqualTo("The ticket is ready.");
		assertThat(openAi.requests().get(0).path("stream").asBoolean()).isTrue();
		assertThat(outcomes()).containsExactly("ok");
	}

	@Test
	void reportsACutStreamAsIncompleteWithItsPartialText() {
		openAi.reply(new FakeOpenAi.CutStream(List.of("Move all issues ", "to Do")));

		assertThatExceptionOfType(AiException.Incomplete.class)
			.isThrownBy(() -> this.gateway.stream(call("hi")).collectList().block(Duration.ofSeconds(10)))
			.satisfies(ex -> assertThat(ex.partialText()).isEqualTo("Move all issues to Do"));
		assertThat(outcomes()).containsExactly("incomplete");
	}

	@Test
	void reportsAStreamStillUnfinishedAtTheTimeLimitAsATimeoutNotACut() {
		// The chunks trickle out over 30 s: the first arrive, then the request's 5 s are
		// up.
		openAi.reply(new FakeOpenAi.Trickled(Duration.ofSeconds(30),
				new FakeOpenAi.Text(List.of("Move ", "all ", "issues ", "to ", "Done"), 10, 5)));

		assertThatExceptionOfType(AiException.TimedOut.class)
			.isThrownBy(() -> this.gateway.stream(call("hi")).collectList().block(Duration.ofSeconds(20)));
		assertThat(outcomes()).containsExactly("timeout");
	}

	@Test
	void waitsOutARateLimitWithinTheRequestTime() {
		openAi.reply(new FakeOpenAi.Error(429, "requests", "rate_limit_exceeded", "Slow down", 1)).reply("{}");

		long started = System.nanoTime();
		AiAnswer answer = this.gateway.call(call("x"));

		assertThat(answer.text()).isEqualTo("{}");
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
		assertThat(outcomes()).containsExactly("http_429", "ok");
	}

	@Test
	void givesUpOnARateLimitLongerThanTheRequestTime() {
		openAi.reply(new FakeOpenAi.Error(429, "requests", "rate_limit_exceeded", "Slow down", 30));

		assertThatExceptionOfType(AiException.RateLimited.class).isThrownBy(() -> this.gateway.call(call("x")))
			.satisfies(ex -> assertThat(ex.retryAfter()).isEqualTo(Duration.ofSeconds(30)));
		assertThat(openAi.requests()).hasSize(1);
	}

	@Test
	void retriesAServerError() {
		openAi.reply(new FakeOpenAi.Error(500, "server_error", null, "Oops", null)).reply("{}");

		assertThat(this.gateway.call(call("x")).text()).isEqualTo("{}");
		assertThat(openAi.requests()).hasSize(2);
	}

	@Test
	void stopsAtTheRequestTimeLimit() {
		openAi.reply(new FakeOpenAi.Delayed(Duration.ofSeconds(8), new FakeOpenAi.Text(List.of("late"), 1, 1)));

		long started = System.nanoTime();
		assertThatExceptionOfType(AiException.TimedOut.class).isThrownBy(() -> this.gateway.call(call("x")));
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(8));
	}

	@Test
	void neverRetriesInsufficientQuota() throws Exception {
		openAi.reply(new FakeOpenAi.Error(429, "insufficient_quota", "insufficient_quota", "No quota", null));

		HttpResponse<String> response = classify("review SCRUM-1");

		assertThat(response.statusCode()).isEqualTo(503);
		assertThat(json.readTree(response.body()).path("type").asText()).endsWith("/ai-quota-exhausted");
		assertThat(openAi.requests()).hasSize(1);
	}

	@Test
	void usesARotatedKeyWithoutARestart() throws Exception {
		Files.writeString(apiKeyFile, "sk-first");
		openAi.reply("{}").reply("{}");
		this.gateway.call(call("one"));

		Files.writeString(apiKeyFile, "sk-second");
		this.gateway.call(call("two"));

		assertThat(openAi.authorizations()).containsExactly("Bearer sk-first", "Bearer sk-second");
	}

	@Test
	void rereadsTheKeyAfterA401() throws Exception {
		Files.writeString(apiKeyFile, "sk-old");
		// The key is rotated while the first request is on its way and refused.
		openAi
			.reply(new FakeOpenAi.Delayed(Duration.ofMillis(500),
					new FakeOpenAi.Error(401, "invalid_request_error", "invalid_api_key", "Incorrect API key", null)))
			.reply("{}");
		Thread rotate = Thread.ofVirtual().start(() -> {
			try {
				Thread.sleep(150);
				Files.writeString(apiKeyFile, "sk-new");
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		});

		assertThat(this.gateway.call(call("x")).text()).isEqualTo("{}");
		rotate.join();
		assertThat(openAi.authorizations()).containsExactly("Bearer sk-old", "Bearer sk-new");
	}

	@Test
	void recordsUsageWithPromptTokensAndCost() {
		openAi.reply(new FakeOpenAi.Text(List.of("{}"), 1000, 500));

		AiAnswer answer = this.gateway.call(call("x"));

		Map<String, Object> row = this.jdbc.sql("SELECT * FROM llm_usage WHERE client_key = ?")
			.param(this.site.clientKey())
			.query()
			.singleRow();
		assertThat(row).containsEntry("account_id", this.alice)
			.containsEntry("feature", "chat")
			.containsEntry("model", "gpt-4o-mini")
			.containsEntry("prompt_id", "intent_classifier")
			.containsEntry("prompt_version", answer.promptVersion())
			.containsEntry("prompt_hash", answer.promptHash())
			.containsEntry("prompt_tokens", 1000)
			.containsEntry("completion_tokens", 500)
			.containsEntry("outcome", "ok");
		assertThat(((java.math.BigDecimal) row.get("cost_usd")).doubleValue()).isEqualTo(0.00045);
	}

	private List<String> outcomes() {
		return this.jdbc.sql("SELECT outcome FROM llm_usage WHERE client_key = ? ORDER BY id")
			.param(this.site.clientKey())
			.query(String.class)
			.list();
	}

	@Nested
	class Configuration {

		@Test
		void withoutAnyKeyTheAppSaysWhatToConfigure() throws Exception {
			Files.writeString(apiKeyFile, "");

			HttpResponse<String> context = get("/api/context", "JWT " + site.contextJwt(alice));
			HttpResponse<String> response = classify("review SCRUM-1");

			assertThat(json.readTree(context.body()).path("llmConfigured").asBoolean(true)).isFalse();
			assertThat(response.statusCode()).isEqualTo(503);
			JsonNode problem = json.readTree(response.body());
			assertThat(problem.path("type").asText()).endsWith("/ai-not-configured");
			assertThat(problem.path("detail").asText()).contains("AI Assistant settings").contains("OPENAI_API_KEY");
			assertThat(openAi.requests()).isEmpty();
		}

		@Test
		void aSiteUsesItsOwnEndpointModelAndEncryptedKey() {
			Site own = site(site);
			modelSettings.change(own, new SiteModelSettings.Change(openAi.baseUrl(), "gpt-site", "sk-site-own"), alice);
			openAi.reply("{}");

			gateway.call(call("x"));

			assertThat(openAi.requests().get(0).path("model").asText()).isEqualTo("gpt-site");
			assertThat(openAi.authorizations()).containsExactly("Bearer sk-site-own");
			String stored = jdbc.sql("SELECT api_key_cipher FROM site_ai_settings WHERE client_key = ?")
				.param(site.clientKey())
				.query(String.class)
				.single();
			assertThat(stored).startsWith("v1:").doesNotContain("sk-site-own");
			assertThat(modelSettings.effective(own).siteSpecific()).isTrue();
		}

		@Test
		void refusesAnEndpointThatIsNotHttp() {
			assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> modelSettings.change(site(site),
					new SiteModelSettings.Change("file:///etc/passwd", null, null), alice));
		}

		@Test
		void rewritesKeysStoredUnderARotatedEncryptionKey() {
			modelSettings.change(site(site), new SiteModelSettings.Change(null, null, "sk-rotate-me"), alice);
			String before = storedCipher();
			String newKey = java.util.Base64.getEncoder().encodeToString("a-brand-new-32-byte-aes-key-0001".getBytes());
			SecretCipher rotated = new SecretCipher(newKey, List.of("MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY="));
			AiProperties properties = new AiProperties(null, null, URI.create(openAi.baseUrl()), "gpt-4o-mini",
					Duration.ofSeconds(5), 3, Duration.ZERO, "json-schema", new AiProperties.Budget(0, 0), Map.of(),
					new AiProperties.Encryption(newKey, List.of("MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=")),
					new AiProperties.Prompts("", true, Duration.ofSeconds(2)));
			SiteModelSettings afterRotation = new SiteModelSettings(jdbc, rotated, properties,
					new ApiKeys(properties, null), clusterCaches);

			afterRotation.reEncryptAfterRotation();

			String after = storedCipher();
			assertThat(after).isNotEqualTo(before);
			assertThat(new SecretCipher(newKey, List.of()).decrypt(after, site.clientKey())).isEqualTo("sk-rotate-me");
			assertThat(afterRotation.reEncryptAll()).isZero();
		}

		private String storedCipher() {
			return jdbc.sql("SELECT api_key_cipher FROM site_ai_settings WHERE client_key = ?")
				.param(site.clientKey())
				.query(String.class)
				.single();
		}

		@Test
		void reEncryptsNothingWhenEveryKeyIsCurrent() {
			modelSettings.change(site(site), new SiteModelSettings.Change(null, null, "sk-x"), alice);

			assertThat(modelSettings.reEncryptAll()).isZero();
		}

		@Test
		void aSiteOverrideOfAPromptIsUsedAndRecordedWithItsOwnHash() {
			String body = catalog.get("intent_classifier")
				.body()
				.replace("Classify the chat message", "Classify, for this site, the chat message");
			catalog.override(site(site), "intent_classifier", body, alice);
			openAi.reply("{}");

			AiAnswer answer = gateway.call(call("x"));

			assertThat(openAi.requests().get(0).at("/messages/1/content").asText()).contains("for this site");
			assertThat(answer.promptHash()).isNotEqualTo(catalog.get("intent_classifier").contentHash());
		}

		@Test
		void anEditedOverrideAppliesToTheNextCallAndAResetBringsBackTheCatalogPrompt() {
			openAi.reply("{}").reply("{}").reply("{}");
			gateway.call(call("x"));
			String base = catalog.get("intent_classifier").body();

			catalog.override(site(site), "intent_classifier",
					base.replace("Classify the chat message", "Classify, edited, the chat message"), alice);
			gateway.call(call("x"));
			catalog.removeOverride(site(site), "intent_classifier");
			gateway.call(call("x"));

			assertThat(openAi.requests()).extracting(request -> request.at("/messages/1/content").asText())
				.satisfiesExactly(first -> assertThat(first).doesNotContain("edited"),
						second -> assertThat(second).contains("Classify, edited, the chat message"),
						third -> assertThat(third).doesNotContain("edited"));
		}

		@Test
		void aChangedModelAppliesToTheNextCall() {
			openAi.reply("{}").reply("{}");
			gateway.call(call("x"));

			modelSettings.change(site(site), new SiteModelSettings.Change(null, "gpt-4.1-mini", null), alice);
			gateway.call(call("x"));

			assertThat(openAi.requests()).extracting(request -> request.path("model").asText())
				.containsExactly("gpt-4o-mini", "gpt-4.1-mini");
		}

		@Test
		void theTokensOfACallCountTowardsTheBudgetOfTheNext() throws Exception {
			openAi.reply(new FakeOpenAi.Text(List.of("{}"), 150_000, 60_000));
			gateway.call(call("x"));

			HttpResponse<String> refused = classify("review SCRUM-1");

			assertThat(refused.statusCode()).isEqualTo(429);
			assertThat(json.readTree(refused.body()).path("detail").asText()).contains("your account");
			assertThat(openAi.requests()).as("the second call never reached the model").hasSize(1);
			assertThat(jdbc.sql("SELECT tokens FROM llm_usage_daily WHERE client_key = ? AND account_id = ''")
				.param(site.clientKey())
				.query(Long.class)
				.single()).as("the site's counter of today").isEqualTo(210_000L);
		}

		@Test
		void aSpentDailyBudgetAnswers429WithRetryAfter() throws Exception {
			jdbc.sql("""
					INSERT INTO llm_usage (client_key, account_id, feature, model, prompt_tokens, completion_tokens,
					    latency_ms, outcome, created_at)
					VALUES (?, ?, 'chat', 'gpt-4o-mini', 150000, 60000, 10, 'ok', now())
					""").params(site.clientKey(), alice).update();
			jdbc.sql("""
					INSERT INTO llm_usage_daily (client_key, day, account_id, tokens, updated_at)
					VALUES (?, (now() AT TIME ZONE 'UTC')::date, ?, 210000, now())
					""").params(site.clientKey(), alice).update();

			HttpResponse<String> response = classify("review SCRUM-1");

			assertThat(response.statusCode()).isEqualTo(429);
			assertThat(response.headers().firstValue("Retry-After"))
				.hasValueSatisfying(seconds -> assertThat(Long.parseLong(seconds)).isBetween(1L, 86_400L));
			assertThat(json.readTree(response.body()).path("detail").asText()).contains("your account")
				.contains("midnight UTC");
			assertThat(openAi.requests()).isEmpty();
		}

	}

}

package dev.jiraai.apitokens;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jiraai.support.FakeOpenAi;
import dev.jiraai.support.JiraCall;
import dev.jiraai.support.SimulatedSite;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A token's life through the real API: created in Jira and shown once, used from outside
 * Jira to chat as its owner (send, poll, resume a confirmation), then expired or revoked;
 * and each way a token is refused.
 */
class ApiTokenLifecycleTests extends ApiTokenTestSupport {

	private static final String GENERAL = """
			{"intent": "general_query", "confidence": 0.92,
			 "entities": {"issueKeys": [], "project": null, "priority": null}, "reasoning": "test"}""";

	@Test
	void aTokenIsShownOnceStoredAsAHashOnlyAndListedWithoutItsSecret() throws Exception {
		JsonNode created = create(this.site, this.alice,
				"{\"name\": \"nightly report\", \"expiresInDays\": 30, \"scopes\": [\"assess\", \"chat\", \"chat\"]}");
		String token = created.path("token").asText();

		assertThat(token).matches("jaa_[0-9A-Za-z]{52}");
		assertThat(created.path("prefix").asText()).isEqualTo(token.substring(0, 16));
		assertThat(created.path("scopes").toString()).as("distinct, in a fixed order")
			.isEqualTo("[\"chat\",\"assess\"]");
		assertThat(Duration.between(java.time.Instant.parse(created.path("createdAt").asText()),
				java.time.Instant.parse(created.path("expiresAt").asText())))
			.isEqualTo(Duration.ofDays(30));

		HttpResponse<String> listed = get("/api/tokens", jwt(this.site, this.alice));
		assertThat(listed.statusCode()).isEqualTo(200);
		assertThat(listed.body()).doesNotContain(token.substring(16)).doesNotContain("\"token\"");
		JsonNode mine = json.readTree(listed.body());
		assertThat(mine.path("enabled").asBoolean()).isTrue();
		assertThat(mine.path("tokens")).singleElement().satisfies(listedToken -> {
			assertThat(listedToken.path("id").asText()).isEqualTo(created.path("id").asText());
			assertThat(listedToken.path("name").asText()).isEqualTo("nightly report");
			assertThat(listedToken.path("status").asText()).isEqualTo("active");
			assertThat(listedToken.has("lastUsedAt")).isFalse();
		});
		assertThat(json.readTree(get("/api/tokens", jwt(this.site, this.bob)).body()).path("tokens")).as("Bob's list")
			.isEmpty();

		String row = this.jdbc.sql("SELECT row_to_json(t)::text FROM api_token t WHERE id = ?")
			.param(UUID.fromString(created.path("id").asText()))
			.query(String.class)
			.single();
		assertThat(row).doesNotContain(token.substring(16));
		byte[] hash = this.jdbc.sql("SELECT token_hash FROM api_token WHERE id = ?")
			.param(UUID.fromString(created.path("id").asText()))
			.query(byte[].class)
			.single();
		assertThat(HexFormat.of().formatHex(hash)).isEqualTo(HexFormat.of().formatHex(ApiTokens.sha256(token)));
		assertThat(audit(this.site)).containsExactly("token-created " + token.substring(0, 16) + " " + this.alice);
	}

	@Test
	void aTokenChatsFromOutsideJiraAsItsOwner() throws Exception {
		String token = create(this.site, this.alice, CHAT_ONLY).path("token").asText();
		startOfAMinute();
		openAi.reply(GENERAL)
			.reply(new FakeOpenAi.ToolCalls(Map.of("myIssues", "{}")))
			.reply("You are working on **SCRUM-2**.");

		JsonNode started = sendWith(token, "What am I working on?");
		JsonNode result = waitWith(token, started.path("taskId").asText(), "completed");

		// A script is answered at once: the day's stand-up is for people on the page.
		assertThat(result.path("result").asText()).isEqualTo("You are working on **SCRUM-2**.");
		List<JiraCall> searches = this.site.calls("POST", "/rest/api/3/search/jql");
		assertThat(searches).isNotEmpty().allSatisfy(call -> assertThat(call.caller()).isEqualTo(this.alice));
		// Her conversation, in Jira too.
		JsonNode conversations = json.readTree(get("/api/chat/conversations", jwt(this.site, this.alice)).body());
		assertThat(conversations.at("/conversations/0/id").asText()).isEqualTo(started.path("conversationId").asText());
		// Used in one minute: one audit row, and the list says when.
		assertThat(audit(this.site)).filteredOn(row -> row.startsWith("token-used"))
			.containsExactly("token-used " + token.substring(0, 16) + " " + this.alice);
		assertThat(json.readTree(get("/api/tokens", jwt(this.site, this.alice)).body())
			.at("/tokens/0/lastUsedAt")
			.isTextual()).isTrue();
	}

	@Test
	void aTokenResumesATurnWithAConfirmationAndTheCommentIsPostedAsItsOwner() throws Exception {
		String token = create(this.site, this.alice, CHAT_ONLY).path("token").asText();
		openAi.reply(GENERAL)
			.reply(new FakeOpenAi.ToolCalls(Map.of("proposeComment",
					"{\"issueKey\": \"SCRUM-2\", \"body\": \"The fix is deployed\", \"mentionNames\": []}")))
			.reply("I prepared the comment; confirm it to post it.");
		String taskId = sendWith(token, "Say on SCRUM-2 that the fix is deployed").path("taskId").asText();
		JsonNode waiting = waitWith(token, taskId, "waiting_confirmation");
		assertThat(this.site.calls("POST", "/rest/api/3/issue/SCRUM-2/comment")).isEmpty();
		openAi.reply("Posted.");

		HttpResponse<String> resumed = post("/api/chat/resume/" + taskId, bearer(token),
				"{\"confirmation\": true, \"proposalId\": \"%s\"}".formatted(waiting.at("/proposals/0/id").asText()),
				"application/json");

		assertThat(resumed.statusCode()).as(resumed.body()).isEqualTo(202);
		waitWith(token, taskId, "completed");
		assertThat(this.site.calls("POST", "/rest/api/3/issue/SCRUM-2/comment")).singleElement()
			.satisfies(call -> assertThat(call.caller()).isEqualTo(this.alice));
	}

	@Test
	void anExpiredTokenIsRefusedAsAnUnknownOneIs() throws Exception {
		String token = create(this.site, this.alice,
				"{\"name\": \"short\", \"expiresInDays\": 1, \"scopes\": [\"chat\"]}")
			.path("token")
			.asText();
		assertThat(get("/api/chat/result/" + UUID.randomUUID(), bearer(token)).statusCode()).isEqualTo(404);

		clock.advance(Duration.ofDays(1).plusSeconds(1));

		JsonNode expired = problem(get("/api/chat/result/" + UUID.randomUUID(), bearer(token)), 401,
				"api-token-invalid");
		JsonNode unknown = problem(
				get("/api/chat/result/" + UUID.randomUUID(), bearer(token.substring(0, 16) + "x".repeat(40))), 401,
				"api-token-invalid");
		assertThat(expired.path("detail")).isEqualTo(unknown.path("detail"));
		assertThat(json.readTree(get("/api/tokens", jwt(this.site, this.alice)).body()).at("/tokens/0/status").asText())
			.isEqualTo("expired");
	}

	@Test
	void aRevokedTokenIsRefusedAndOnlyItsOwnerMayRevokeIt() throws Exception {
		JsonNode created = create(this.site, this.alice, CHAT_ONLY);
		String token = created.path("token").asText();
		String id = created.path("id").asText();

		problem(call("DELETE", "/api/tokens/" + id, jwt(this.site, this.bob), null), 404, "api-token-not-found");
		assertThat(get("/api/chat/result/" + UUID.randomUUID(), bearer(token)).statusCode()).isEqualTo(404);

		assertThat(call("DELETE", "/api/tokens/" + id, jwt(this.site, this.alice), null).statusCode()).isEqualTo(204);
		assertThat(call("DELETE", "/api/tokens/" + id, jwt(this.site, this.alice), null).statusCode()).isEqualTo(204);

		problem(post("/api/chat/send", bearer(token), "{\"message\": \"hi\"}", "application/json"), 401,
				"api-token-invalid");
		JsonNode listed = json.readTree(get("/api/tokens", jwt(this.site, this.alice)).body()).at("/tokens/0");
		assertThat(listed.path("status").asText()).isEqualTo("revoked");
		assertThat(listed.path("revokedBy").asText()).isEqualTo(this.alice);
		assertThat(audit(this.site)).filteredOn(row -> row.startsWith("token-revoked"))
			.containsExactly("token-revoked " + token.substring(0, 16) + " " + this.alice);
	}

	@Test
	void aTokenWithoutTheChatScopeIsRefusedByTheChat() throws Exception {
		String token = create(this.site, this.alice,
				"{\"name\": \"assess only\", \"expiresInDays\": 5, \"scopes\": [\"assess\"]}")
			.path("token")
			.asText();

		JsonNode refused = problem(post("/api/chat/send", bearer(token), "{\"message\": \"hi\"}", "application/json"),
				403, "api-token-scope");

		assertThat(refused.path("detail").asText()).contains("'chat' scope");
		assertThat(openAi.requests()).isEmpty();
	}

	@Test
	void aTokenOfAnotherSiteActsOnItsOwnSiteOnly() throws Exception {
		SimulatedSite other = installedSite("tokens-other");
		String otherToken = create(other, other.user("Alice"), CHAT_ONLY).path("token").asText();
		openAi.reply("""
				{"intent": "general_query", "confidence": 0.2,
				 "entities": {"issueKeys": [], "project": null, "priority": null}, "reasoning": "test"}""");
		String token = create(this.site, this.alice, CHAT_ONLY).path("token").asText();
		String taskId = sendWith(token, "hello").path("taskId").asText();
		waitWith(token, taskId, "completed");

		problem(get("/api/chat/result/" + taskId, bearer(otherToken)), 404, "task-not-found");

		other.uninstall(appBaseUrl());
		org.awaitility.Awaitility.await()
			.untilAsserted(
					() -> problem(get("/api/chat/result/" + taskId, bearer(otherToken)), 401, "api-token-invalid"));
	}

	@Test
	void aTokenIsRateLimitedPerMinuteWithRetryAfter() throws Exception {
		String token = create(this.site, this.alice, CHAT_ONLY).path("token").asText();
		String other = create(this.site, this.alice, CHAT_ONLY).path("token").asText();
		startOfAMinute();
		for (int i = 0; i < 60; i++) {
			assertThat(get("/api/chat/result/" + UUID.randomUUID(), bearer(token)).statusCode()).isEqualTo(404);
		}

		HttpResponse<String> limited = get("/api/chat/result/" + UUID.randomUUID(), bearer(token));

		JsonNode problem = problem(limited, 429, "api-token-rate-limited");
		long retryAfter = Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow());
		assertThat(retryAfter).isBetween(1L, 60L);
		assertThat(problem.path("retryAfterSeconds").asLong()).isEqualTo(retryAfter);
		assertThat(get("/api/chat/result/" + UUID.randomUUID(), bearer(other)).statusCode())
			.as("another token of the same user")
			.isEqualTo(404);

		clock.advance(Duration.ofSeconds(retryAfter));
		assertThat(get("/api/chat/result/" + UUID.randomUUID(), bearer(token)).statusCode()).as("the next minute")
			.isEqualTo(404);
	}

	@Test
	void everyOtherEndpointRefusesAToken() throws Exception {
		String token = create(this.site, this.alice, CHAT_ONLY).path("token").asText();
		String taskId = UUID.randomUUID().toString();
		List<String[]> refused = List.of(new String[] { "GET", "/api/context" }, new String[] { "GET", "/api/tokens" },
				new String[] { "POST", "/api/tokens" }, new String[] { "GET", "/api/chat/conversations" },
				new String[] { "GET", "/api/chat/stream/" + taskId }, new String[] { "GET", "/api/admin/tokens" },
				new String[] { "GET", "/api/tasks/" + taskId },
				new String[] { "POST", "/api/issues/SCRUM-1/assessments" },
				new String[] { "DELETE", "/api/chat/result/" + taskId },
				new String[] { "GET", "/api/chat/result/" + taskId + "/x" });

		for (String[] endpoint : refused) {
			HttpResponse<String> response = call(endpoint[0], endpoint[1], bearer(token),
					endpoint[0].equals("GET") ? null : CHAT_ONLY);
			JsonNode problem = problem(response, 401, "unauthenticated");
			assertThat(problem.path("detail").asText()).as(endpoint[1]).contains("accepted only by");
		}
		assertThat(audit(this.site)).as("never used").noneMatch(row -> row.startsWith("token-used"));
		assertThat(this.site.calls()).as("no Jira call as her").noneMatch(call -> this.alice.equals(call.caller()));
	}

	@Test
	void aMalformedTokenIsRefusedWithoutTryingItAsAForgeToken() throws Exception {
		for (String token : List.of("jaa_", "jaa_short", "jaa_" + "!".repeat(52), "jaa_" + "a".repeat(53))) {
			problem(get("/api/chat/result/" + UUID.randomUUID(), bearer(token)), 401, "api-token-invalid");
		}
	}

	@Test
	@org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
	void noLogLineShowsATokensSecret(org.springframework.boot.test.system.CapturedOutput output) throws Exception {
		String token = create(this.site, this.alice, CHAT_ONLY).path("token").asText();
		String unknown = token.substring(0, 16) + "Z".repeat(40);

		get("/api/chat/result/" + UUID.randomUUID(), bearer(token));
		get("/api/context", bearer(token));
		get("/api/chat/result/" + UUID.randomUUID(), bearer(unknown));
		call("DELETE", "/api/tokens/" + UUID.randomUUID(), jwt(this.site, this.alice), null);

		assertThat(output.getAll()).as("the refusals are logged")
			.contains("Refused an API token (" + token.substring(0, 16) + "…)")
			.doesNotContain(token.substring(16))
			.doesNotContain(unknown.substring(16));
	}

	@Nested
	class WhenAnAdminSwitchesTokensOff {

		@Test
		void tokensCanNeitherBeCreatedNorUsedUntilSwitchedOnAgain() throws Exception {
			String token = create(site, alice, CHAT_ONLY).path("token").asText();

			HttpResponse<String> off = call("PUT", "/api/admin/token-settings", jwt(site, alice),
					"{\"enabled\": false}");
			assertThat(off.statusCode()).as(off.body()).isEqualTo(200);

			problem(post("/api/tokens", jwt(site, bob), CHAT_ONLY, "application/json"), 403, "api-tokens-off");
			JsonNode refused = problem(get("/api/chat/result/" + UUID.randomUUID(), bearer(token)), 403,
					"api-tokens-off");
			assertThat(refused.path("detail").asText()).contains("switched off");
			assertThat(json.readTree(get("/api/tokens", jwt(site, alice)).body()).path("enabled").asBoolean())
				.isFalse();

			call("PUT", "/api/admin/token-settings", jwt(site, alice), "{\"enabled\": true}");
			assertThat(get("/api/chat/result/" + UUID.randomUUID(), bearer(token)).statusCode()).isEqualTo(404);
			assertThat(audit(site)).contains("tokens-off - " + alice, "tokens-on - " + alice);
		}

	}

}

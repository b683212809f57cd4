package dev.jiraai.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jiraai.support.FakeOpenAi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Model section through the real API: the key is write-only, an endpoint inside the
 * operator's network is refused, "Test connection" calls the fake model.
 */
class AdminModelTests extends AdminTestSupport {

	private static final String SECRET = "sk-site-own-key-9876";

	/**
	 * A public address (TEST-NET-3): the sandbox has no DNS, and saving does not call it.
	 */
	private static final String PUBLIC = "https://203.0.113.10/v1";

	@Autowired
	JdbcClient jdbc;

	@Test
	void aSiteWithoutItsOwnModelUsesTheOperatorsDefault() throws Exception {
		JsonNode model = admin("GET", "/api/admin/model", null, 200);

		assertThat(model.path("baseUrl").asText()).isEqualTo(openAi.baseUrl());
		assertThat(model.path("usingOperatorDefault").asBoolean()).isTrue();
		assertThat(model.path("operatorDefaultAvailable").asBoolean()).isTrue();
		assertThat(model.path("keyConfigured").asBoolean()).isTrue();
		assertThat(model.path("key").isNull()).isTrue();
	}

	@Test
	void theKeyIsWriteOnlyAndOnlyItsLastFourCharactersAreShown() throws Exception {
		JsonNode saved = admin("PUT", "/api/admin/model",
				"{\"baseUrl\": \"" + PUBLIC + "\", \"model\": \"gpt-4o\", \"apiKey\": \"" + SECRET + "\"}", 200);
		JsonNode read = admin("GET", "/api/admin/model", null, 200);

		for (JsonNode model : new JsonNode[] { saved, read }) {
			assertThat(model.toString()).doesNotContain(SECRET).doesNotContain("sk-site");
			assertThat(model.path("key").path("lastFour").asText()).isEqualTo("9876");
			assertThat(model.path("key").path("setAt").asText()).isNotBlank();
			assertThat(model.path("usingOperatorDefault").asBoolean()).isFalse();
			assertThat(model.path("model").asText()).isEqualTo("gpt-4o");
		}
		String stored = this.jdbc.sql("SELECT api_key_cipher FROM site_ai_settings WHERE client_key = ?")
			.param(this.site.clientKey())
			.query(String.class)
			.single();
		assertThat(stored).doesNotContain(SECRET);
	}

	@Test
	void aChangeWithoutAKeyKeepsTheKeyAndWhenItWasSet() throws Exception {
		JsonNode first = admin("PUT", "/api/admin/model", "{\"apiKey\": \"" + SECRET + "\"}", 200);
		JsonNode second = admin("PUT", "/api/admin/model", "{\"model\": \"gpt-4.1-mini\"}", 200);

		assertThat(second.path("key")).isEqualTo(first.path("key"));
		assertThat(second.path("model").asText()).isEqualTo("gpt-4.1-mini");
	}

	@Test
	void useTheOperatorsDefaultForgetsTheSitesModelAndKey() throws Exception {
		admin("PUT", "/api/admin/model",
				"{\"baseUrl\": \"" + PUBLIC + "\", \"model\": \"gpt-4o\", \"apiKey\": \"" + SECRET + "\"}", 200);

		JsonNode model = admin("DELETE", "/api/admin/model", null, 200);

		assertThat(model.path("usingOperatorDefault").asBoolean()).isTrue();
		assertThat(model.path("key").isNull()).isTrue();
		assertThat(model.path("baseUrl").asText()).isEqualTo(openAi.baseUrl());
	}

	@ParameterizedTest
	@ValueSource(strings = { "https://127.0.0.1/v1", "https://169.254.169.254/latest/meta-data", "https://10.0.0.1/v1",
			"https://192.168.1.20/v1", "https://[::1]/v1", "https://[fd00::1]/v1", "https://localhost/v1",
			"http://api.openai.com/v1", "ftp://api.openai.com/v1", "not a url" })
	void anEndpointInsideTheOperatorsNetworkOrWithoutHttpsIsRefused(String baseUrl) throws Exception {
		JsonNode refused = problem(call("PUT", "/api/admin/model", asAlice(), "{\"baseUrl\": \"" + baseUrl + "\"}"),
				400, "invalid-model-endpoint");

		assertThat(refused.path("detail").asText()).contains("cannot be used");
		assertThat(admin("GET", "/api/admin/model", null, 200).path("usingOperatorDefault").asBoolean()).isTrue();
	}

	@Test
	void testConnectionShowsTheModelThatAnsweredAndHowLongItTook() throws Exception {
		openAi.reply("OK");

		JsonNode result = admin("POST", "/api/admin/model/test", null, 200);

		assertThat(result.path("ok").asBoolean()).as(result.toString()).isTrue();
		assertThat(result.path("model").asText()).isNotBlank();
		assertThat(result.path("latencyMs").asLong()).isGreaterThanOrEqualTo(0);
		assertThat(result.path("error").isNull()).isTrue();
		assertThat(openAi.requests()).hasSize(1);
		assertThat(openAi.requests().get(0).path("model").asText()).isEqualTo(result.path("model").asText());
	}

	@Test
	void theSitesTemperatureIsKeptAndSentWithTheTestCall() throws Exception {
		JsonNode saved = admin("PUT", "/api/admin/model", "{\"temperature\": 0.7}", 200);
		assertThat(saved.path("temperature").asDouble()).isEqualTo(0.7);
		assertThat(admin("PUT", "/api/admin/model", "{\"model\": \"gpt-4o\"}", 200).path("temperature").asDouble())
			.as("kept when left out")
			.isEqualTo(0.7);
		openAi.reply("OK");

		admin("POST", "/api/admin/model/test", null, 200);

		assertThat(openAi.requests().get(0).path("temperature").asDouble()).isEqualTo(0.7);
		problem(call("PUT", "/api/admin/model", asAlice(), "{\"temperature\": 3}"), 400, "bad-request");
		assertThat(admin("DELETE", "/api/admin/model", null, 200).path("temperature").isNull()).isTrue();
	}

	@Test
	void testConnectionSaysInPlainWordsThatTheKeyWasRefused() throws Exception {
		openAi.reply(new FakeOpenAi.Error(401, "invalid_request_error", "invalid_api_key", "Incorrect API key provided",
				null));

		JsonNode result = admin("POST", "/api/admin/model/test", null, 200);

		assertThat(result.path("ok").asBoolean()).isFalse();
		assertThat(result.path("error").asText()).isEqualTo("The API key was refused (HTTP 401).");
	}

}

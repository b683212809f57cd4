package dev.jiraai.admin;

import java.net.http.HttpResponse;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Features section through the real API: a feature switched off is refused by the
 * server and shown off in {@code /api/context}; switched back on, it works again. The
 * assistant's tool allow-list and read-only mode round-trip.
 */
class AdminFeaturesTests extends AdminTestSupport {

	@Test
	void everyFeatureIsOnByTheOperatorsDefault() throws Exception {
		JsonNode features = admin("GET", "/api/admin/features", null, 200);

		assertThat(features.toString()).isEqualTo("{\"assess\":true,\"draft\":true,\"chat\":true,\"standup\":true}");
	}

	@ParameterizedTest
	@CsvSource({ "assess, /api/issues/SCRUM-1/assessments, Assessment is off for this site",
			"draft, /api/projects/SCRUM/create-options, Drafting issues is off for this site",
			"chat, /api/chat/conversations, The AI Assistant chat is off for this site",
			"standup, /api/standup/today, Stand-up is off for this site" })
	void aFeatureSwitchedOffIsRefusedByTheServerUntilItIsOnAgain(String feature, String path, String detail)
			throws Exception {
		assertThat(get(path, asAlice()).statusCode()).as("%s before", path).isEqualTo(200);

		JsonNode off = admin("PUT", "/api/admin/features", "{\"" + feature + "\": false}", 200);

		assertThat(off.path(feature).asBoolean()).isFalse();
		assertThat(off.path(feature.equals("chat") ? "assess" : "chat").asBoolean()).as("the others stay").isTrue();
		JsonNode refused = problem(get(path, asAlice()), 404, "feature-off");
		assertThat(refused.path("detail").asText()).startsWith(detail);
		JsonNode context = json.readTree(get("/api/context", asAlice()).body());
		assertThat(context.path("features").path(feature).asBoolean()).isFalse();

		admin("PUT", "/api/admin/features", "{\"" + feature + "\": true}", 200);

		HttpResponse<String> again = get(path, asAlice());
		assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
		assertThat(json.readTree(get("/api/context", asAlice()).body()).path("features").path(feature).asBoolean())
			.isTrue();
	}

	@Test
	void aFeatureOffForOneSiteIsOnForAnother() throws Exception {
		admin("PUT", "/api/admin/features", "{\"chat\": false}", 200);
		var other = installedSite("admin-other");

		assertThat(get("/api/chat/conversations", "JWT " + other.contextJwt(other.user("Alice"))).statusCode())
			.isEqualTo(200);
	}

	@Test
	void chatSettingsRoundTrip() throws Exception {
		JsonNode before = admin("GET", "/api/admin/chat-settings", null, 200);
		assertThat(before.path("readOnly").asBoolean()).isFalse();
		assertThat(before.path("allowedTools").isNull()).isTrue();
		assertThat(before.path("tools").findValuesAsText("name")).contains("myIssues", "proposeComment");

		JsonNode saved = admin("PUT", "/api/admin/chat-settings",
				"{\"readOnly\": true, \"allowedTools\": [\"myIssues\", \"getIssue\"]}", 200);
		JsonNode read = admin("GET", "/api/admin/chat-settings", null, 200);

		for (JsonNode settings : new JsonNode[] { saved, read }) {
			assertThat(settings.path("readOnly").asBoolean()).isTrue();
			assertThat(json.convertValue(settings.path("allowedTools"), String[].class))
				.containsExactlyInAnyOrder("myIssues", "getIssue");
		}
	}

	@Test
	void anAllowListNamingAnUnknownToolIsRefused() throws Exception {
		JsonNode refused = problem(call("PUT", "/api/admin/chat-settings", asAlice(),
				"{\"readOnly\": false, \"allowedTools\": [\"deleteEverything\"]}"), 400, "unknown-tool");

		assertThat(refused.path("detail").asText()).contains("deleteEverything");
	}

}

package dev.jiraai.contracts;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks the Forge manifest against the {@code @forge/manifest} schema and against the
 * Connect app, remote and Custom UI modules it has to declare for this backend.
 */
class ForgeManifestContractTests {

	private static final Path MANIFEST = Path.of("manifest.yml");

	private static final Path APPLICATION_PROPERTIES = Path.of("src", "main", "resources", "application.yml");

	private static final String REMOTE = "backend";

	private static final String ENDPOINT = "backend-user";

	private static final String RESOURCE = "main";

	private static final YAMLMapper YAML = new YAMLMapper();

	@Test
	void manifestMatchesForgeSchema() {
		assertThat(ContractSchemas.forgeManifestErrors(manifest())).isEmpty();
	}

	@Test
	void takesOverTheConnectAppWithTheDefaultAppKey() {
		JsonNode connect = manifest().at("/app/connect");

		assertThat(connect.path("key").asText()).isEqualTo("dev.jiraai.assistant")
			.isEqualTo(read(APPLICATION_PROPERTIES).at("/app/key").asText());
		assertThat(connect.path("remote").asText()).isEqualTo(REMOTE);
	}

	@Test
	void declaresTheBackendAsRemote() {
		assertThat(keyed(manifest().path("remotes"), REMOTE).path("baseUrl").asText()).startsWith("https://");
	}

	@Test
	void resolverEndpointPassesUserAndSystemTokensToTheBackend() {
		JsonNode endpoint = keyed(manifest().at("/modules/endpoint"), ENDPOINT);

		assertThat(endpoint.path("remote").asText()).isEqualTo(REMOTE);
		assertThat(endpoint.at("/auth/appUserToken/enabled").booleanValue()).isTrue();
		assertThat(endpoint.at("/auth/appSystemToken/enabled").booleanValue()).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "jira:issuePanel", "jira:issueAction", "jira:globalPage", "jira:adminPage" })
	void customUiModuleUsesTheFrontendResourceAndTheBackendResolver(String type) {
		JsonNode modules = manifest().path("modules").path(type);

		assertThat(modules).as(type).isNotEmpty().allSatisfy((module) -> {
			assertThat(module.path("resource").asText()).as("%s resource", type).isEqualTo(RESOURCE);
			assertThat(module.at("/resolver/endpoint").asText()).as("%s resolver", type).isEqualTo(ENDPOINT);
		});
	}

	@Test
	void frontendResourceIsTheViteBuild() {
		assertThat(keyed(manifest().path("resources"), RESOURCE).path("path").asText()).isEqualTo("frontend/dist");
	}

	@Test
	void customUiMayFetchFromTheBackendRemote() {
		List<String> remotes = new ArrayList<>();
		manifest().at("/permissions/external/fetch/backend")
			.forEach((entry) -> remotes.add(entry.path("remote").asText()));

		assertThat(remotes).contains(REMOTE);
	}

	/**
	 * Proves that the schema validator rejects broken manifests, so that zero errors
	 * above means something.
	 */
	@Nested
	class SchemaValidator {

		@Test
		void rejectsUnknownTopLevelProperty() {
			ObjectNode manifest = manifest();
			manifest.put("backendUrl", "https://jira-ai.example.com");

			assertThat(ContractSchemas.forgeManifestErrors(manifest))
				.anySatisfy((error) -> assertThat(error).contains("backendUrl"));
		}

		@Test
		void rejectsModuleWithoutKey() {
			ObjectNode manifest = manifest();
			((ObjectNode) manifest.at("/modules/jira:issuePanel/0")).remove("key");

			assertThat(ContractSchemas.forgeManifestErrors(manifest))
				.anySatisfy((error) -> assertThat(error).startsWith("$.modules['jira:issuePanel'][0]").contains("key"));
		}

	}

	private static ObjectNode manifest() {
		return (ObjectNode) read(MANIFEST);
	}

	private static JsonNode read(Path yaml) {
		try {
			return YAML.readTree(yaml.toFile());
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot read %s".formatted(yaml.toAbsolutePath()), ex);
		}
	}

	private static JsonNode keyed(JsonNode entries, String key) {
		for (JsonNode entry : entries) {
			if (key.equals(entry.path("key").asText())) {
				return entry;
			}
		}
		throw new AssertionError("No entry with key '%s' in %s".formatted(key, entries));
	}

}

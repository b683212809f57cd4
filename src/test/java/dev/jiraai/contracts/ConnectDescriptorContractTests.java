package dev.jiraai.contracts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks the Connect descriptor, as the app serves it, against Atlassian's descriptor
 * schema and against the modules, scopes and lifecycle the backend implements.
 */
class ConnectDescriptorContractTests {

	private static final Path DESCRIPTOR = Path.of("atlassian-connect.json");

	private static final String APP_KEY = "dev.jiraai.assistant";

	private static final String BASE_URL = "https://jira-ai.example.com";

	private static final ObjectMapper JSON = new ObjectMapper();

	@Test
	void servedDescriptorMatchesConnectSchema() {
		assertThat(ContractSchemas.connectDescriptorErrors(validatableDescriptor())).isEmpty();
	}

	@Test
	void servedDescriptorFailsTheSchemaOnlyOnMigrationsNewerThanIt() {
		// The schema is a 2019 snapshot whose apiMigrations allows only gdpr: this shows
		// why the tests remove the
		// newer flags, and fails once a newer schema accepts them (then validate the
		// descriptor unchanged).
		assertThat(ContractSchemas.connectDescriptorErrors(servedDescriptor())).hasSize(2)
			.allSatisfy((error) -> assertThat(error).startsWith("$.apiMigrations"))
			.anySatisfy((error) -> assertThat(error).contains("signed-install"))
			.anySatisfy((error) -> assertThat(error).contains("context-qsh"));
	}

	@Test
	void servedDescriptorHasTheConfiguredKeyAndBaseUrl() {
		JsonNode descriptor = servedDescriptor();

		assertThat(descriptor.path("key").asText()).isEqualTo(APP_KEY);
		assertThat(descriptor.path("baseUrl").asText()).isEqualTo(BASE_URL);
	}

	@Test
	void optsIntoSignedInstallContextQshAndGdpr() {
		JsonNode migrations = servedDescriptor().path("apiMigrations");

		assertThat(migrations.path("signed-install").isBoolean()).isTrue();
		assertThat(migrations.path("signed-install").booleanValue()).isTrue();
		assertThat(migrations.path("context-qsh").booleanValue()).isTrue();
		assertThat(migrations.path("gdpr").booleanValue()).isTrue();
	}

	@Test
	void authenticatesWithJwtAndUsesTheLibraryLifecycleCallbacks() {
		JsonNode descriptor = servedDescriptor();

		assertThat(descriptor.at("/authentication/type").asText()).isEqualTo("jwt");
		assertThat(descriptor.at("/lifecycle/installed").asText()).isEqualTo("/installed");
		assertThat(descriptor.at("/lifecycle/uninstalled").asText()).isEqualTo("/uninstalled");
	}

	@Test
	void requestsExactlyReadWriteAndActAsUserScopes() {
		List<String> scopes = new ArrayList<>();
		servedDescriptor().path("scopes").forEach((scope) -> scopes.add(scope.asText()));

		assertThat(scopes).containsExactlyInAnyOrder("READ", "WRITE", "ACT_AS_USER");
	}

	@Test
	void declaresTheModulesTheBackendServes() {
		JsonNode modules = servedDescriptor().path("modules");

		assertThat(module(modules, "jiraIssueGlances", "assess-glance")).isNotNull();
		assertThat(module(modules, "jiraIssueContents", "assess-content")).isNotNull();
		assertThat(module(modules, "dialogs", "draft-dialog")).isNotNull();
		assertThat(module(modules, "webItems", "draft-web-item")).isNotNull();
		assertThat(module(modules, "generalPages", "assistant-page")).isNotNull();
		assertThat(module(modules, "adminPages", "admin-page")).isNotNull();
		assertThat(module(modules, "jiraEntityProperties", "ai-assessment-property")).isNotNull();
	}

	@Test
	void webItemOpensTheDraftDialog() {
		JsonNode target = module(servedDescriptor().path("modules"), "webItems", "draft-web-item").path("target");

		assertThat(target.path("type").asText()).isEqualTo("dialogmodule");
		assertThat(target.at("/options/key").asText()).isEqualTo("draft-dialog");
	}

	@Test
	void assessmentPropertyIsSearchableAsAiScore() {
		JsonNode property = module(servedDescriptor().path("modules"), "jiraEntityProperties",
				"ai-assessment-property");
		List<String> aliases = new ArrayList<>();
		property.path("keyConfigurations")
			.forEach((configuration) -> configuration.path("extractions")
				.forEach((extraction) -> aliases.add(extraction.path("alias").asText())));

		assertThat(property.path("entityType").asText()).isEqualTo("issue");
		assertThat(aliases).contains("aiScore");
	}

	@Test
	void moduleUrlsPointAtPagesAndIconsTheBackendServes() {
		Map<String, String> urls = new LinkedHashMap<>();
		collectUrls(servedDescriptor().path("modules"), "modules", urls);

		assertThat(urls).isNotEmpty().allSatisfy((path, url) -> {
			if (path.endsWith(".icon.url")) {
				assertThat(url).as(path).startsWith("/ui/");
			}
			else {
				assertThat(url).as(path).startsWith("/connect/");
			}
		});
	}

	/**
	 * Proves that the schema validator rejects broken descriptors, so that zero errors
	 * above means something.
	 */
	@Nested
	class SchemaValidator {

		@Test
		void rejectsDescriptorWithoutAuthentication() {
			ObjectNode descriptor = validatableDescriptor();
			descriptor.remove("authentication");

			assertThat(ContractSchemas.connectDescriptorErrors(descriptor))
				.anySatisfy((error) -> assertThat(error).contains("authentication"));
		}

		@Test
		void rejectsUnknownAuthenticationType() {
			ObjectNode descriptor = validatableDescriptor();
			((ObjectNode) descriptor.path("authentication")).put("type", "oauth2");

			assertThat(ContractSchemas.connectDescriptorErrors(descriptor))
				.anySatisfy((error) -> assertThat(error).startsWith("$.authentication.type"));
		}

		@Test
		void rejectsUnknownScope() {
			ObjectNode descriptor = validatableDescriptor();
			descriptor.withArray("scopes").add("SUPERUSER");

			assertThat(ContractSchemas.connectDescriptorErrors(descriptor))
				.anySatisfy((error) -> assertThat(error).startsWith("$.scopes[3]"));
		}

	}

	/**
	 * The descriptor as the app serves it: placeholders resolved from the app's
	 * properties, as the library does.
	 */
	private static JsonNode servedDescriptor() {
		MockEnvironment environment = new MockEnvironment().withProperty("app.key", APP_KEY)
			.withProperty("app.base-url", BASE_URL);
		try {
			return JSON.readTree(environment.resolveRequiredPlaceholders(Files.readString(DESCRIPTOR)));
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot read %s".formatted(DESCRIPTOR.toAbsolutePath()), ex);
		}
	}

	/**
	 * The served descriptor without the API migrations the 2019 schema snapshot does not
	 * know.
	 */
	private static ObjectNode validatableDescriptor() {
		ObjectNode descriptor = (ObjectNode) servedDescriptor();
		((ObjectNode) descriptor.path("apiMigrations")).remove(List.of("signed-install", "context-qsh"));
		return descriptor;
	}

	private static JsonNode module(JsonNode modules, String type, String key) {
		for (JsonNode module : modules.path(type)) {
			if (key.equals(module.path("key").asText())) {
				return module;
			}
		}
		throw new AssertionError("No %s module with key '%s' in %s".formatted(type, key, modules.path(type)));
	}

	private static void collectUrls(JsonNode node, String path, Map<String, String> urls) {
		if (node.isObject()) {
			node.properties().forEach((field) -> {
				String fieldPath = path + "." + field.getKey();
				if ("url".equals(field.getKey()) && field.getValue().isTextual()) {
					urls.put(fieldPath, field.getValue().asText());
				}
				else {
					collectUrls(field.getValue(), fieldPath, urls);
				}
			});
		}
		else if (node.isArray()) {
			for (int i = 0; i < node.size(); i++) {
				collectUrls(node.get(i), path + "[" + i + "]", urls);
			}
		}
	}

}

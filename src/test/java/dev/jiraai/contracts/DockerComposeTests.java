package dev.jiraai.contracts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Checks that {@code docker-compose.yml} runs the app with the production profile against
 * a healthy PostgreSQL 17 and refuses to start without its secrets.
 */
class DockerComposeTests {

	private static final Path COMPOSE_FILE = Path.of("docker-compose.yml");

	/**
	 * A {@code ${NAME...}} reference; group 2 is the modifier, such as {@code :?message}
	 * or {@code :-default}.
	 */
	private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)([^}]*)}");

	private static final Pattern JDBC_URL = Pattern.compile("jdbc:postgresql://([^:/]+)(?::(\\d+))?/([^?]+).*");

	private static final YAMLMapper YAML = new YAMLMapper();

	@Test
	void postgresIsVersion17WithItsDataInANamedVolume() {
		JsonNode compose = compose();
		JsonNode postgres = compose.at("/services/postgres");
		List<String> volumes = strings(postgres.path("volumes"));

		assertThat(postgres.path("image").asText()).matches("postgres:17([.-].*)?");
		assertThat(volumes).anySatisfy((volume) -> {
			assertThat(volume).endsWith(":/var/lib/postgresql/data");
			assertThat(compose.path("volumes").has(volume.substring(0, volume.indexOf(':')))).as(volume).isTrue();
		});
	}

	@Test
	void postgresIsHealthyOnceItAcceptsConnectionsToTheAppDatabase() {
		JsonNode postgres = compose().at("/services/postgres");
		Map<String, String> environment = environment(postgres);
		String healthcheck = String.join(" ", strings(postgres.at("/healthcheck/test")));

		assertThat(environment).containsEntry("POSTGRES_DB", "jira_ai").containsEntry("POSTGRES_USER", "jira_ai");
		assertThat(healthcheck).contains("pg_isready")
			.contains(environment.get("POSTGRES_USER"))
			.contains(environment.get("POSTGRES_DB"));
	}

	@Test
	void appStartsOnlyOncePostgresIsHealthy() {
		assertThat(compose().at("/services/app/depends_on/postgres/condition").asText()).isEqualTo("service_healthy");
	}

	@Test
	void appDatasourcePointsAtThePostgresService() {
		JsonNode compose = compose();
		Map<String, String> postgres = environment(compose.at("/services/postgres"));
		Map<String, String> app = environment(compose.at("/services/app"));
		Matcher url = JDBC_URL.matcher(app.getOrDefault("SPRING_DATASOURCE_URL", ""));

		assertThat(url.matches()).as(app.get("SPRING_DATASOURCE_URL")).isTrue();
		assertThat(url.group(1)).isEqualTo("postgres");
		assertThat(compose.path("services").has(url.group(1))).isTrue();
		assertThat(url.group(2)).isIn(null, "5432");
		assertThat(url.group(3)).isEqualTo(postgres.get("POSTGRES_DB"));
		assertThat(app.get("SPRING_DATASOURCE_USERNAME")).isEqualTo(postgres.get("POSTGRES_USER"));
		assertThat(app.get("SPRING_DATASOURCE_PASSWORD")).startsWith("${POSTGRES_PASSWORD");
	}

	@Test
	void appRunsTheBuiltJarOnJava21WithTheProductionProfile() {
		JsonNode app = compose().at("/services/app");
		Map<String, String> environment = environment(app);

		assertThat(app.path("image").asText()).isEqualTo("eclipse-temurin:21-jre");
		assertThat(app.path("volumes")).singleElement().satisfies((jar) -> {
			assertThat(jar.path("type").asText()).isEqualTo("bind");
			assertThat(jar.path("source").asText()).isEqualTo("./target/jira-ai-assistant.jar");
			assertThat(jar.path("target").asText()).isEqualTo("/app/app.jar");
			assertThat(jar.path("read_only").booleanValue()).isTrue();
			assertThat(jar.at("/bind/create_host_path").isBoolean()).isTrue();
			assertThat(jar.at("/bind/create_host_path").booleanValue()).isFalse();
		});
		assertThat(strings(app.path("command"))).containsExactly("java", "-jar", "/app/app.jar");
		assertThat(environment).containsEntry("SPRING_PROFILES_ACTIVE", "production")
			.containsEntry("SERVER_PORT", "8080")
			.containsEntry("APP_KEY", "${APP_KEY:-dev.jiraai.assistant}");
		assertThat(strings(app.path("ports"))).containsExactly("8080:8080");
		assertThat(String.join(" ", strings(app.at("/healthcheck/test")))).contains("/actuator/health");
	}

	@Test
	void requiredSecretsMustBeSetForComposeToStart() {
		JsonNode compose = compose();

		assertThat(environment(compose.at("/services/postgres")).get("POSTGRES_PASSWORD"))
			.startsWith("${POSTGRES_PASSWORD:?");
		assertThat(environment(compose.at("/services/app")).get("APP_BASE_URL")).startsWith("${APP_BASE_URL:?");
	}

	@Test
	void everyVariableIsRequiredOrHasADefault() {
		Map<String, List<String>> modifiers = new LinkedHashMap<>();
		collectVariables(compose(), modifiers);

		// A plain ${NAME} is fine only when another reference makes compose refuse to
		// start without NAME.
		assertThat(modifiers).isNotEmpty()
			.allSatisfy((name, uses) -> assertThat(uses).as(name)
				.allSatisfy((modifier) -> assertThat(modifier.startsWith(":?") || modifier.startsWith(":-")
						|| uses.stream().anyMatch((use) -> use.startsWith(":?")))
					.as("${%s%s}", name, modifier)
					.isTrue()));
	}

	@Test
	void dockerComposeAcceptsTheFileOnlyWithTheRequiredSecrets() throws Exception {
		assumeTrue(dockerCompose(Map.of(), "version").exitCode() == 0, "docker compose is not installed");

		Result withSecrets = dockerCompose(
				Map.of("POSTGRES_PASSWORD", "x", "APP_BASE_URL", "https://jira-ai.example.com"), "config", "--quiet");
		Result withoutPassword = dockerCompose(Map.of("APP_BASE_URL", "https://jira-ai.example.com"), "config",
				"--quiet");
		Result withoutBaseUrl = dockerCompose(Map.of("POSTGRES_PASSWORD", "x"), "config", "--quiet");

		assertThat(withSecrets.exitCode()).as(withSecrets.output()).isZero();
		assertThat(withoutPassword.exitCode()).isNotZero();
		assertThat(withoutPassword.output()).contains("set POSTGRES_PASSWORD");
		assertThat(withoutBaseUrl.exitCode()).isNotZero();
		assertThat(withoutBaseUrl.output()).contains("public https URL");
	}

	private static JsonNode compose() {
		try {
			return YAML.readTree(COMPOSE_FILE.toFile());
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot read %s".formatted(COMPOSE_FILE.toAbsolutePath()), ex);
		}
	}

	/**
	 * A service's environment, written either as a map or as a list of
	 * {@code NAME=value}.
	 */
	private static Map<String, String> environment(JsonNode service) {
		Map<String, String> environment = new LinkedHashMap<>();
		JsonNode node = service.path("environment");
		if (node.isObject()) {
			node.properties().forEach((entry) -> environment.put(entry.getKey(), entry.getValue().asText()));
		}
		else {
			for (String entry : strings(node)) {
				int equals = entry.indexOf('=');
				environment.put((equals < 0) ? entry : entry.substring(0, equals),
						(equals < 0) ? "" : entry.substring(equals + 1));
			}
		}
		return environment;
	}

	private static List<String> strings(JsonNode node) {
		List<String> strings = new ArrayList<>();
		if (node.isArray()) {
			node.forEach((element) -> strings.add(element.asText()));
		}
		else if (!node.isMissingNode() && !node.isNull()) {
			strings.add(node.asText());
		}
		return strings;
	}

	private static void collectVariables(JsonNode node, Map<String, List<String>> modifiers) {
		if (node.isTextual()) {
			Matcher variable = VARIABLE.matcher(node.asText());
			while (variable.find()) {
				modifiers.computeIfAbsent(variable.group(1), (name) -> new ArrayList<>()).add(variable.group(2));
			}
		}
		node.forEach((child) -> collectVariables(child, modifiers));
	}

	/**
	 * Runs {@code docker compose} on the compose file with only the given variables (plus
	 * PATH and HOME) set.
	 */
	private static Result dockerCompose(Map<String, String> variables, String... arguments)
			throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of("docker", "compose", "--file", COMPOSE_FILE.toString()));
		command.addAll(List.of(arguments));
		Path output = Files.createTempFile("docker-compose", ".log");
		try {
			ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(output.toFile());
			builder.environment().keySet().retainAll(List.of("PATH", "HOME", "DOCKER_CONFIG"));
			builder.environment().putAll(variables);
			Process process;
			try {
				process = builder.start();
			}
			catch (IOException ex) {
				return new Result(-1, "cannot run docker: " + ex.getMessage());
			}
			process.getOutputStream().close();
			if (!process.waitFor(30, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				return new Result(-1, "timed out: " + Files.readString(output));
			}
			return new Result(process.exitValue(), Files.readString(output));
		}
		finally {
			Files.deleteIfExists(output);
		}
	}

	private record Result(int exitCode, String output) {
	}

}

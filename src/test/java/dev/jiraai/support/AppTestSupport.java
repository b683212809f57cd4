package dev.jiraai.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.AfterEach;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Base of the tests that run the whole app on a real port against the {@link JiraCloudSimulator}: one application
 * context (and one throw-away PostgreSQL database) shared by all of them, wired to the simulator's key server, Forge
 * JWKS and a local stand-in for Jira's {@code all.js}. After each test, no request the app sent to any simulated
 * site may have broken the Jira OpenAPI spec.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@Import(SimulatorWiring.class)
public abstract class AppTestSupport {

	protected static final JiraCloudSimulator jira = JiraCloudSimulator.shared();

	private static final int port = freePort();

	protected static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	@DynamicPropertySource
	static void wireToSimulators(DynamicPropertyRegistry registry) {
		registry.add("server.port", () -> port);
		registry.add("app.base-url", AppTestSupport::appBaseUrl);
		registry.add("app.id", () -> JiraCloudSimulator.FORGE_APP_ID);
		registry.add("app.key", () -> JiraCloudSimulator.APP_KEY);
		registry.add("atlassian.connect.public-key-base-url", jira::publicKeyBaseUrl);
		registry.add("atlassian.connect.forge-invocation-token-jwks-url", jira::forgeJwksUrl);
		registry.add("atlassian.connect.all-js-url", jira::allJsUrl);
		registry.add("jira-ai.embedded-postgres.data-directory", () -> "");
	}

	protected static String appBaseUrl() {
		return "http://localhost:" + port;
	}

	@AfterEach
	void noRequestBrokeTheJiraSpec() {
		try {
			assertThat(jira.violations()).as("requests the app sent that break the Jira OpenAPI spec").isEmpty();
		}
		finally {
			jira.resetViolations();
		}
	}

	/** A GET to the app with an Authorization header (or none when {@code authorization} is null). */
	protected static HttpResponse<String> get(String pathAndQuery, String authorization) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(appBaseUrl() + pathAndQuery)).GET();
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		return send(request.build());
	}

	protected static HttpResponse<String> send(HttpRequest request) {
		try {
			return http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** A site of the simulator with the app installed. */
	protected static SimulatedSite installedSite(String name) {
		SimulatedSite site = jira.newSite(name);
		HttpResponse<String> installed = site.install(appBaseUrl());
		assertThat(installed.statusCode()).as("install of %s: %s", name, installed.body()).isEqualTo(204);
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

package dev.jiraai.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import com.atlassian.connect.spring.AtlassianHost;
import com.atlassian.connect.spring.AtlassianHostRepository;
import com.atlassian.connect.spring.AtlassianHostUser;
import com.atlassian.connect.spring.internal.auth.frc.types.ForgeInvocationToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jwt.SignedJWT;
import dev.jiraai.tenancy.ForgeUserToken;
import dev.jiraai.tenancy.Site;
import dev.jiraai.tenancy.SiteUser;
import dev.jiraai.tenancy.Sites;
import org.junit.jupiter.api.AfterEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Base of the tests that run the whole app on a real port against the
 * {@link JiraCloudSimulator}: one application context (and one throw-away PostgreSQL
 * database) shared by all of them, wired to the simulator's key server, Forge JWKS and a
 * local stand-in for Jira's {@code all.js}. After each test, no request the app sent to
 * any simulated site may have broken the Jira OpenAPI spec.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@Import(SimulatorWiring.class)
public abstract class AppTestSupport {

	protected static final JiraCloudSimulator jira = JiraCloudSimulator.shared();

	protected static final FakeOpenAi openAi = FakeOpenAi.shared();

	protected static final PersonalDataReportingSimulator personalDataReporting = PersonalDataReportingSimulator
		.shared();

	/**
	 * The default API key is read from this file on every call, so tests can rotate or
	 * remove it.
	 */
	protected static final Path apiKeyFile = tempKeyFile();

	protected static final String DEFAULT_API_KEY = "sk-test-default";

	/** The operator's token for {@code /actuator/prometheus}. */
	protected static final String METRICS_TOKEN = "operator-metrics-token-for-tests";

	private static final int port = freePort();

	/** The app's clock: tests move it forward, and it is back to real time after each. */
	protected static final TestClock clock = TestClock.shared();

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
		// The library only hands Forge tokens to this host (api.atlassian.com in
		// production): the simulator's.
		registry.add("api.host", () -> "localhost");
		registry.add("jira-ai.ai.base-url", openAi::baseUrl);
		registry.add("jira-ai.ai.api-key-file", apiKeyFile::toString);
		registry.add("jira-ai.ai.key-cache-ttl", () -> "PT0S");
		registry.add("jira-ai.ai.request-timeout", () -> "PT5S");
		// Long enough for the index lags tests play, short enough for a quick suite.
		registry.add("jira-ai.jira.write-lookup-wait", () -> "PT4S");
		// Jira calls time out sooner than in production (30 s), so tests can play a
		// timeout.
		registry.add("spring.http.client.read-timeout", () -> "PT3S");
		registry.add("jira-ai.privacy.reporting-base-url", personalDataReporting::baseUrl);
		// Tests run the reporting cycle themselves, at the times they choose.
		registry.add("jira-ai.privacy.schedule", () -> "-");
		registry.add("jira-ai.operator.metrics-token", () -> METRICS_TOKEN);
		// Spring Boot's tests switch metrics export off; the scrape is part of the app.
		registry.add("management.prometheus.metrics.export.enabled", () -> "true");
		registry.add("jira-ai.ai.encryption.key", () -> "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=");
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

	/** The Authorization header of a Connect context JWT of the user on the site. */
	protected static String jwt(SimulatedSite site, String accountId) {
		return "JWT " + site.contextJwt(accountId);
	}

	/**
	 * Asserts the response is a problem of the catalogue with this status and type; it.
	 */
	protected static JsonNode problem(HttpResponse<String> response, int status, String type) throws IOException {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying(contentType -> assertThat(contentType).startsWith("application/problem+json"));
		JsonNode problem = new ObjectMapper().readTree(response.body());
		assertThat(problem.path("type").asText()).isEqualTo("https://jira-ai.dev/problems/" + type);
		return problem;
	}

	/**
	 * A GET to the app with an Authorization header (or none when {@code authorization}
	 * is null).
	 */
	protected static HttpResponse<String> get(String pathAndQuery, String authorization) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(appBaseUrl() + pathAndQuery)).GET();
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		return send(request.build());
	}

	/**
	 * A POST to the app with a JSON body (or none), an Authorization header and an Accept
	 * header.
	 */
	protected static HttpResponse<String> post(String pathAndQuery, String authorization, String jsonBody,
			String accept) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(appBaseUrl() + pathAndQuery))
			.header("Accept", accept)
			.POST(jsonBody == null ? HttpRequest.BodyPublishers.noBody()
					: HttpRequest.BodyPublishers.ofString(jsonBody));
		if (jsonBody != null) {
			request.header("Content-Type", "application/json");
		}
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		return send(request.build());
	}

	/**
	 * A call as Forge's {@code invokeRemote} makes it, held to Forge's 25 s limit
	 * ({@link ForgeCalls}).
	 */
	protected static HttpResponse<String> forgeCall(SimulatedSite site, String accountId, String method,
			String pathAndQuery, String jsonBody, String... headers) {
		return new ForgeCalls(http, appBaseUrl()).call(site, accountId, site.forgeUserToken(accountId), method,
				pathAndQuery, jsonBody, headers);
	}

	/**
	 * Sends a request to the app. One made the Forge way (a Forge Invocation Token as
	 * bearer) is held to Forge's 25 s limit, as every Forge call in the suite is.
	 */
	protected static HttpResponse<String> send(HttpRequest request) {
		boolean forge = request.headers()
			.firstValue("Authorization")
			.filter(value -> value.startsWith("Bearer "))
			.isPresent();
		HttpRequest limited = forge
				? HttpRequest.newBuilder(request, (name, value) -> true).timeout(ForgeCalls.LIMIT).build() : request;
		try {
			return http.send(limited, HttpResponse.BodyHandlers.ofString());
		}
		catch (java.net.http.HttpTimeoutException ex) {
			throw new AssertionError(
					"Forge would have cut this call at 25 s: " + request.method() + " " + request.uri(), ex);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	@Autowired
	private AtlassianHostRepository hostRepository;

	@Autowired
	private Sites sites;

	/** A user of an installed site as a Connect iframe request would resolve them. */
	protected SiteUser connectUser(SimulatedSite site, String accountId) {
		AtlassianHost host = this.hostRepository.findById(site.clientKey()).orElseThrow();
		return new SiteUser(site(site), accountId, SiteUser.Channel.CONNECT,
				AtlassianHostUser.builder(host).withUserAccountId(accountId).build());
	}

	/**
	 * A user of an installed site as a Forge invocation would resolve them: with the
	 * Forge user token the invocation carried and the gateway URL of its invocation
	 * token. Nothing is put in the security context: the token travels with the user.
	 */
	protected SiteUser forgeUser(SimulatedSite site, String accountId) {
		AtlassianHost host = this.hostRepository.findById(site.clientKey()).orElseThrow();
		AtlassianHostUser hostUser = AtlassianHostUser.builder(host).withUserAccountId(accountId).build();
		try {
			ForgeInvocationToken token = new ObjectMapper()
				.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
				.readValue(SignedJWT.parse(site.forgeInvocationToken(accountId)).getJWTClaimsSet().toString(),
						ForgeInvocationToken.class);
			ForgeUserToken userToken = ForgeUserToken.of(URI.create(token.getApp().getApiBaseUrl()),
					site.forgeUserToken(accountId), java.time.Instant.now());
			return new SiteUser(site(site), accountId, SiteUser.Channel.FORGE, hostUser, userToken);
		}
		catch (java.text.ParseException | java.io.IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The app's view of a simulated site. */
	protected Site site(SimulatedSite site) {
		return this.sites.installed(site.clientKey()).orElseThrow();
	}

	@AfterEach
	void clearSecurityContextAndFakes() throws IOException {
		SecurityContextHolder.clearContext();
		TestClock.shared().reset();
		openAi.reset();
		Files.writeString(apiKeyFile, DEFAULT_API_KEY);
	}

	private static Path tempKeyFile() {
		try {
			Path file = Files.createTempFile("openai-key", ".txt");
			Files.writeString(file, DEFAULT_API_KEY);
			file.toFile().deleteOnExit();
			return file;
		}
		catch (IOException ex) {
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

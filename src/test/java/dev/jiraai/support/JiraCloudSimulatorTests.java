package dev.jiraai.support;

import java.time.Duration;
import java.util.Map;

import com.atlassian.connect.spring.AtlassianHost;
import com.atlassian.connect.spring.AtlassianHostRepository;
import com.atlassian.connect.spring.AtlassianHostRestClients;
import com.atlassian.connect.spring.AtlassianHostUser;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The simulator is honest: it accepts the app's real Connect and act-as-user calls,
 * refuses unauthenticated ones, fails a test on any request that breaks the Jira OpenAPI
 * spec, and injects the faults it promises.
 */
class JiraCloudSimulatorTests extends AppTestSupport {

	@Autowired
	AtlassianHostRestClients restClients;

	@Autowired
	AtlassianHostRepository hosts;

	private AtlassianHost host(SimulatedSite site) {
		return this.hosts.findById(site.clientKey()).orElseThrow();
	}

	@Test
	void acceptsTheAppsConnectJwtAndSeesTheApp() {
		SimulatedSite site = installedSite("sim-app");

		JsonNode myself = this.restClients.authenticatedAsAddon(host(site))
			.getForObject("/rest/api/3/myself", JsonNode.class);

		assertThat(myself.path("accountType").asText()).isEqualTo("app");
		assertThat(site.calls()).singleElement().satisfies(call -> {
			assertThat(call.is("GET", "/rest/api/3/myself")).isTrue();
			assertThat(call.caller()).isEqualTo("app");
		});
	}

	@Test
	void actsAsTheUserThroughTheOauthTokenEndpoint() {
		SimulatedSite site = installedSite("sim-user");
		String alice = site.user("Alice");
		AtlassianHostUser hostUser = AtlassianHostUser.builder(host(site)).withUserAccountId(alice).build();

		JsonNode myself = this.restClients.authenticatedAs(hostUser).getForObject("/rest/api/3/myself", JsonNode.class);

		assertThat(myself.path("accountId").asText()).isEqualTo(alice);
		assertThat(myself.path("displayName").asText()).isEqualTo("Alice Analyst");
		assertThat(site.calls()).last().satisfies(call -> assertThat(call.caller()).isEqualTo(alice));
	}

	@Test
	void refusesACallWithoutCredentials() {
		SimulatedSite site = installedSite("sim-anonymous");

		assertThatExceptionOfType(HttpClientErrorException.Unauthorized.class)
			.isThrownBy(() -> new RestTemplate().getForObject(site.baseUrl() + "/rest/api/3/myself", String.class));
	}

	@Test
	void recordsASpecViolationSoTheTestFails() {
		SimulatedSite site = installedSite("sim-violation");
		RestTemplate asApp = this.restClients.authenticatedAsAddon(host(site));

		// The spec says a transition id is a string: {"transition":{"id":5}} is not a
		// valid request.
		assertThatExceptionOfType(HttpClientErrorException.BadRequest.class)
			.isThrownBy(() -> asApp.postForObject("/rest/api/3/issue/SCRUM-1/transitions",
					Map.of("transition", Map.of("id", 5)), String.class));

		assertThat(site.violations()).singleElement()
			.asString()
			.contains("POST /rest/api/3/issue/SCRUM-1/transitions")
			.contains("integer found, string expected");
		assertThat(site.data().issue("SCRUM-1").orElseThrow().path("status").asText()).isEqualTo("To Do");
		jira.resetViolations();
	}

	@Test
	void acceptsTheSameRequestWhenItFollowsTheSpec() {
		SimulatedSite site = installedSite("sim-valid");
		RestTemplate asApp = this.restClients.authenticatedAsAddon(host(site));

		asApp.postForObject("/rest/api/3/issue/SCRUM-1/transitions", Map.of("transition", Map.of("id", "21")),
				String.class);

		assertThat(site.violations()).isEmpty();
		assertThat(site.data().issue("SCRUM-1").orElseThrow().path("status").asText()).isEqualTo("In Progress");
	}

	@Test
	void injectsRateLimitWithRetryAfter() {
		SimulatedSite site = installedSite("sim-429");
		site.inject(JiraFault.rateLimited("GET", "/rest/api/3/myself", 2));
		RestTemplate asApp = this.restClients.authenticatedAsAddon(host(site));

		assertThatExceptionOfType(HttpClientErrorException.TooManyRequests.class)
			.isThrownBy(() -> asApp.getForObject("/rest/api/3/myself", String.class))
			.satisfies(ex -> assertThat(ex.getResponseHeaders().getFirst("Retry-After")).isEqualTo("2"));
		assertThat(asApp.getForObject("/rest/api/3/myself", String.class)).contains("accountId");
	}

	@Test
	void injectsServerErrorsResetsAndDelays() {
		SimulatedSite site = installedSite("sim-faults");
		site.inject(JiraFault.status("GET", "/rest/api/3/myself", 503))
			// The JDK's HTTP client silently retries an idempotent GET once after a
			// reset: reset both tries.
			.inject(JiraFault.connectionReset("GET", "/rest/api/3/myself").times(2))
			.inject(JiraFault.delay("GET", "/rest/api/3/myself", Duration.ofMillis(300)));
		RestTemplate asApp = this.restClients.authenticatedAsAddon(host(site));

		assertThatExceptionOfType(HttpServerErrorException.ServiceUnavailable.class)
			.isThrownBy(() -> asApp.getForObject("/rest/api/3/myself", String.class));
		assertThatExceptionOfType(ResourceAccessException.class)
			.isThrownBy(() -> asApp.getForObject("/rest/api/3/myself", String.class));
		long started = System.nanoTime();
		assertThat(asApp.getForObject("/rest/api/3/myself", String.class)).contains("accountId");
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
	}

	@Test
	void lostResponseStillCarriesOutTheWrite() {
		SimulatedSite site = installedSite("sim-lost");
		site.inject(JiraFault.lostResponse("POST", "/rest/api/3/issue/SCRUM-2/comment"));
		RestTemplate asApp = this.restClients.authenticatedAsAddon(host(site));
		Map<String, Object> body = Map.of("body", Map.of("type", "doc", "version", 1, "content", java.util.List
			.of(Map.of("type", "paragraph", "content", java.util.List.of(Map.of("type", "text", "text", "Hello"))))));

		assertThatExceptionOfType(ResourceAccessException.class)
			.isThrownBy(() -> asApp.postForObject("/rest/api/3/issue/SCRUM-2/comment", body, String.class));

		assertThat(site.data().issue("SCRUM-2").orElseThrow().path("comments")).hasSize(1);
	}

}

package dev.jiraai.web;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import dev.jiraai.support.AppTestSupport;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.ApplicationContext;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every endpoint the app maps is refused without a Connect JWT or Forge token, except the
 * few that must be public: the descriptor (and the root redirect to it), the lifecycle
 * callbacks (which check their own signed JWT), the error page, health and static assets.
 */
class EndpointSecurityTests extends AppTestSupport {

	/** Path patterns that answer without app authentication, and why. */
	private static final Set<String> PUBLIC = Set.of(
			// Jira fetches the descriptor to install the app; the root redirects to it.
			"/atlassian-connect.json", "/",
			// Signed by Atlassian's install keys, verified by the lifecycle controller
			// itself.
			"/installed", "/uninstalled",
			// The error page, reached by forward only.
			"/error",
			// The OpenAPI description of the API: documentation, no data.
			"/v3/api-docs", "/v3/api-docs.yaml", "/v3/api-docs/{group}", "/v3/api-docs/swagger-config");

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	@Autowired
	ApplicationContext context;

	@Test
	void everyMappedEndpointRefusesAnonymousCalls() {
		List<String> checked = new ArrayList<>();
		this.mappings.getHandlerMethods().forEach((info, handler) -> {
			for (String pattern : patterns(info)) {
				if (PUBLIC.contains(pattern)) {
					continue;
				}
				for (RequestMethod method : methods(info)) {
					String path = pattern.replaceAll("\\{[^}]+}", "x");
					HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(appBaseUrl() + path))
						.method(method.name(), HttpRequest.BodyPublishers.ofString("{}"))
						.header("Content-Type", "application/json")
						.build());
					assertThat(response.statusCode()).as("%s %s (%s)", method, path, handler).isEqualTo(401);
					checked.add(method + " " + path);
				}
			}
		});
		assertThat(checked).as("endpoints checked").contains("GET /api/context", "GET /connect/x");
	}

	@Test
	void thePublicEndpointsAnswerWithoutAuthentication() {
		assertThat(get("/atlassian-connect.json", null).statusCode()).isEqualTo(200);
		assertThat(get("/actuator/health", null).statusCode()).isEqualTo(200);
		assertThat(get("/ui/icon.svg", null).statusCode()).isEqualTo(200);
		assertThat(get("/v3/api-docs", null).body()).contains("/api/issues/{issueKey}/assessments")
			.contains("/api/proposals/{proposalId}/confirm");
	}

	@Test
	void actuatorExposesHealthOnly() {
		for (String path : List.of("/actuator", "/actuator/env", "/actuator/beans", "/actuator/configprops",
				"/actuator/heapdump", "/actuator/loggers", "/actuator/mappings")) {
			assertThat(get(path, null).statusCode()).as(path).isIn(401, 403, 404);
		}
		assertThat(get("/actuator/health", null).body()).doesNotContain("components", "details");
	}

	@Test
	void hasNoBasicAuthenticationOrGeneratedPassword() {
		HttpResponse<String> response = get("/api/context",
				"Basic " + java.util.Base64.getEncoder().encodeToString("user:password".getBytes()));

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().allValues("WWW-Authenticate")).noneMatch(value -> value.startsWith("Basic"));
		assertThat(this.context.getBeanNamesForType(UserDetailsService.class)).isEmpty();
	}

	private static Set<String> patterns(RequestMappingInfo info) {
		return info.getPathPatternsCondition() != null ? info.getPathPatternsCondition().getPatternValues()
				: info.getPatternValues();
	}

	private static Set<RequestMethod> methods(RequestMappingInfo info) {
		Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
		return methods.isEmpty() ? Set.of(RequestMethod.GET, RequestMethod.POST) : methods;
	}

}

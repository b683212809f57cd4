package dev.jiraai.web;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jiraai.support.AppTestSupport;
import dev.jiraai.support.SimulatedSite;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every bad request to every mapped endpoint is answered with a problem of the app's
 * catalogue ({@code docs/api.md}): {@code application/problem+json}, a type under
 * {@code https://jira-ai.dev/problems/}, a title and a detail that says what to do, and
 * nothing of the app's insides.
 */
class ProblemCatalogueTests extends AppTestSupport {

	private static final ObjectMapper json = new ObjectMapper();

	private static final String TYPES = "https://jira-ai.dev/problems/";

	private static SimulatedSite site;

	private static String alice;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	@BeforeEach
	void install() {
		if (site == null) {
			site = installedSite("problems");
			alice = site.user("Alice");
		}
	}

	@Test
	void everyAppEndpointAnswersBadInputWithAProblemOfTheCatalogue() {
		List<String> checked = new ArrayList<>();
		for (Endpoint endpoint : appEndpoints()) {
			String path = endpoint.path(Map.of());
			if (endpoint.takesBody()) {
				expect(call(endpoint.method(), path, "application/json", "{\"text\": ", "application/json"), 400,
						"unreadable-body", endpoint + " malformed JSON");
				expect(call(endpoint.method(), path, "application/json", null, "application/json"), 400,
						"unreadable-body", endpoint + " no body");
				expect(call(endpoint.method(), path, "text/plain", "hello", "application/json"), 415,
						"unsupported-media-type", endpoint + " wrong content type");
			}
			for (String uuid : endpoint.uuidVariables()) {
				expect(call(endpoint.method(), endpoint.path(Map.of(uuid, "not-a-uuid")), "application/json", "{}",
						endpoint.accept()), 400, "bad-request", endpoint + " non-UUID id");
			}
			for (String parameter : endpoint.requiredParameters()) {
				// None yet: the loop holds whichever endpoint adds one to the catalogue.
				expect(call(endpoint.method(), path, "application/json", "{}", endpoint.accept()), 400,
						"missing-parameter", endpoint + " without " + parameter);
			}
			expect(call(endpoint.method(), path, "application/json", "x".repeat(1024 * 1024 + 1), endpoint.accept()),
					413, "request-too-large", endpoint + " oversize body");
			expect(call(endpoint.method(), path, null, null, endpoint.accept(), null), 401, "unauthenticated",
					endpoint + " no token");
			checked.add(endpoint.toString());
		}
		assertThat(checked).as("endpoints checked")
			.contains("POST /api/drafts", "PATCH /api/proposals/{proposalId}", "GET /api/context",
					"POST /api/issues/{issueKey}/assessments");
	}

	@Test
	void everyMappedPathAnswersAnUnofferedMethodWith405() {
		Map<String, Set<RequestMethod>> offered = new HashMap<>();
		this.mappings.getHandlerMethods().forEach((info, handler) -> {
			for (String pattern : patterns(info)) {
				offered.computeIfAbsent(pattern, p -> new HashSet<>()).addAll(info.getMethodsCondition().getMethods());
			}
		});
		List<String> checked = new ArrayList<>();
		offered.forEach((pattern, methods) -> {
			if (methods.isEmpty() || pattern.equals("/error")) {
				return;
			}
			// The first of these the path does not offer (e.g. PATCH for GET, PUT and
			// DELETE).
			String method = java.util.stream.Stream.of(RequestMethod.DELETE, RequestMethod.PUT, RequestMethod.PATCH)
				.filter(m -> !methods.contains(m))
				.findFirst()
				.orElseThrow()
				.name();
			String path = pattern.replaceAll("\\{[^}]+}", "x");
			HttpResponse<String> response = call(method, path, null, null, "application/json");
			expect(response, 405, "method-not-allowed", method + " " + path);
			assertThat(response.headers().firstValue("Allow")).as("Allow of %s", path).isPresent();
			checked.add(pattern);
		});
		assertThat(checked).contains("/api/context", "/api/drafts", "/atlassian-connect.json");
	}

	@Test
	void aBodyOverTheLimitIsRefusedOnEveryPathEvenWithoutALength() {
		String tooLarge = "{\"text\": \"" + "x".repeat(1024 * 1024) + "\"}";
		expect(call("POST", "/installed", null, tooLarge, "application/json", null), 413, "request-too-large",
				"lifecycle");
		expect(call("POST", "/api/drafts", "application/json", "x".repeat(5 * 1024 * 1024), "application/json"), 413,
				"request-too-large", "5 MB");
		// A chunked body has no Content-Length: counted while it is read.
		HttpRequest chunked = HttpRequest.newBuilder(URI.create(appBaseUrl() + "/api/drafts"))
			.header("Authorization", "JWT " + site.contextJwt(alice))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(tooLarge.getBytes())))
			.build();
		expect(send(chunked), 413, "request-too-large", "chunked");
	}

	@Test
	void aBadValueNamesTheFieldAndWhatItTakes() throws Exception {
		HttpResponse<String> draft = call("POST", "/api/drafts", "application/json",
				"{\"text\": \"x\", \"projectKey\": \"SCRUM\", \"mode\": \"dance\"}", "application/json");
		expect(draft, 400, "bad-request", "bad mode");
		assertThat(json.readTree(draft.body()).path("errors").toString()).contains("mode")
			.contains("ticket|analysis|breakdown");

		HttpResponse<String> action = call("POST", "/api/assessments/" + UUID.randomUUID() + "/proposals",
				"application/json", "{\"action\": \"dance\"}", "application/json");
		expect(action, 400, "bad-request", "bad action");
		assertThat(json.readTree(action.body()).path("detail").asText()).contains("'action'");

		HttpResponse<String> force = call("POST", "/api/issues/SCRUM-1/assessments?force=perhaps", null, null,
				"application/json");
		expect(force, 400, "bad-request", "bad flag");
		assertThat(json.readTree(force.body()).path("detail").asText()).contains("'force' must be true or false");

		expect(call("GET", "/api/issues/not-a-key/assessments", null, null, "application/json"), 400, "bad-request",
				"bad issue key");
		expect(call("GET", "/api/projects/lower/create-options", null, null, "application/json"), 400, "bad-request",
				"bad project key");
	}

	@Test
	void aMalformedKeyInABodyNamesTheFieldAndWhatAKeyLooksLike() throws Exception {
		HttpResponse<String> draft = call("POST", "/api/drafts", "application/json",
				"{\"text\": \"x\", \"projectKey\": \"scrum\", \"mode\": \"ticket\"}", "application/json");

		expect(draft, 400, "bad-request", "bad project key in a body");
		JsonNode problem = json.readTree(draft.body());
		assertThat(problem.path("detail").asText()).isEqualTo("Fix 'projectKey' (must be a project key (like PAY)).");
		assertThat(problem.at("/errors/0/field").asText()).isEqualTo("projectKey");
	}

	@Test
	void anAcceptTheEndpointCannotAnswerIs406() {
		expect(call("GET", "/api/context", null, null, "text/csv"), 406, "not-acceptable", "context as CSV");
		expect(call("POST", "/api/issues/SCRUM-1/assessments", null, null, "text/csv"), 406, "not-acceptable",
				"assessment as CSV");
	}

	@Test
	void unknownThingsAreProblemsToo() {
		expect(call("GET", "/api/nothing-here", null, null, "application/json"), 404, "not-found", "no handler");
		expect(call("GET", "/api/proposals/" + UUID.randomUUID(), null, null, "application/json"), 404,
				"proposal-not-found", "unknown proposal");
		expect(call("POST", "/api/assessments/" + UUID.randomUUID() + "/proposals", "application/json",
				"{\"action\": \"comment\"}", "application/json"), 404, "assessment-not-found", "unknown assessment");
		expect(call("GET", "/actuator/env", null, null, "application/json", null), 404, "not-found",
				"actuator beyond health");
		expect(call("GET", "/error", null, null, "application/json", null), 500, "internal", "error page itself");
	}

	@Test
	void anIssueTheUserCannotSeeIsANotVisibleProblem() throws Exception {
		String bob = site.user("Bob");
		site.deny(bob, "BROWSE_PROJECTS", "SCRUM");

		HttpResponse<String> response = call("GET", "/api/issues/SCRUM-1/assessments", null, null, "application/json",
				"JWT " + site.contextJwt(bob));

		expect(response, 403, "not-visible", "hidden issue");
		assertThat(json.readTree(response.body()).path("detail").asText()).contains("SCRUM-1")
			.contains("browse permission");
	}

	@Test
	void aMissingParameterIsNamed() {
		MissingServletRequestParameterException missing = new MissingServletRequestParameterException("since",
				"String");

		var problem = RequestProblems.of(missing, missing.getStatusCode());

		assertThat(problem.getStatusCode().value()).isEqualTo(400);
		assertThat(problem.getBody().getType()).hasToString(TYPES + "missing-parameter");
		assertThat(problem.getBody().getDetail()).isEqualTo("Add the query parameter 'since'.");
	}

	@Test
	void anUnexpectedIllegalArgumentIsAnInternalErrorThatShowsNothingOfIt() {
		var problem = Problems.of(new IllegalArgumentException("column secret_key of table sites"));

		assertThat(problem.getStatusCode().value()).isEqualTo(500);
		assertThat(problem.getBody().getType()).hasToString(TYPES + "internal");
		assertThat(problem.getBody().getDetail()).doesNotContain("secret_key").contains("try again");
	}

	private void expect(HttpResponse<String> response, int status, String type, String what) {
		assertThat(response.statusCode()).as("%s: %s", what, response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type")).as(what)
			.hasValueSatisfying(value -> assertThat(value).startsWith("application/problem+json"));
		JsonNode problem;
		try {
			problem = json.readTree(response.body());
		}
		catch (Exception ex) {
			throw new AssertionError(what + ": not JSON: " + response.body(), ex);
		}
		assertThat(problem.path("type").asText()).as(what).isEqualTo(TYPES + type);
		assertThat(problem.path("title").asText()).as(what).isNotBlank();
		assertThat(problem.path("detail").asText()).as(what).isNotBlank();
		assertThat(problem.path("status").asInt()).as(what).isEqualTo(status);
		assertThat(response.body()).as("%s shows no internals", what)
			.doesNotContain("Exception", "java.", "SQL", "org.springframework", "com.fasterxml", "dev.jiraai", "\tat ");
	}

	private HttpResponse<String> call(String method, String path, String contentType, String body, String accept) {
		return call(method, path, contentType, body, accept, "JWT " + site.contextJwt(alice));
	}

	private static HttpResponse<String> call(String method, String path, String contentType, String body, String accept,
			String authorization) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(appBaseUrl() + path))
			.method(method,
					body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
			.header("Accept", accept);
		if (contentType != null) {
			request.header("Content-Type", contentType);
		}
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		return send(request.build());
	}

	/**
	 * The app's own endpoints, one per method and pattern, as the frontend calls them.
	 */
	private List<Endpoint> appEndpoints() {
		Map<String, Endpoint> endpoints = new java.util.TreeMap<>();
		this.mappings.getHandlerMethods().forEach((info, handler) -> {
			if (!handler.getBeanType().getPackageName().startsWith("dev.jiraai")) {
				return;
			}
			for (String pattern : patterns(info)) {
				for (RequestMethod method : info.getMethodsCondition().getMethods()) {
					Endpoint endpoint = new Endpoint(method.name(), pattern, handler,
							info.getProducesCondition().getProducibleMediaTypes());
					endpoints.merge(endpoint.toString(), endpoint, (a, b) -> a);
				}
			}
		});
		return List.copyOf(endpoints.values());
	}

	private static Set<String> patterns(RequestMappingInfo info) {
		return info.getPathPatternsCondition() != null ? info.getPathPatternsCondition().getPatternValues()
				: info.getPatternValues();
	}

	private record Endpoint(String method, String pattern, HandlerMethod handler,
			Set<org.springframework.http.MediaType> produces) {

		/**
		 * What a client of the endpoint accepts: JSON, unless it answers only a stream.
		 */
		String accept() {
			return this.produces.size() == 1
					&& this.produces.contains(org.springframework.http.MediaType.TEXT_EVENT_STREAM)
							? "text/event-stream" : "application/json";
		}

		private static final DefaultParameterNameDiscoverer NAMES = new DefaultParameterNameDiscoverer();

		/** The path with a well-formed value for each variable, unless one is given. */
		String path(Map<String, String> values) {
			String path = this.pattern;
			for (MethodParameter parameter : parameters()) {
				PathVariable variable = parameter.getParameterAnnotation(PathVariable.class);
				if (variable != null) {
					String name = parameter.getParameterName();
					String value = values.getOrDefault(name, switch (name) {
						case "issueKey" -> "SCRUM-1";
						case "projectKey" -> "SCRUM";
						default -> parameter.getParameterType() == UUID.class ? UUID.randomUUID().toString() : "x";
					});
					path = path.replace("{" + name + "}", value);
				}
			}
			return path;
		}

		boolean takesBody() {
			return parameters().stream().anyMatch(parameter -> parameter.hasParameterAnnotation(RequestBody.class));
		}

		List<String> uuidVariables() {
			return parameters().stream()
				.filter(parameter -> parameter.hasParameterAnnotation(PathVariable.class)
						&& parameter.getParameterType() == UUID.class)
				.map(MethodParameter::getParameterName)
				.toList();
		}

		List<String> requiredParameters() {
			return parameters().stream().filter(parameter -> {
				RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
				return param != null && param.required()
						&& org.springframework.web.bind.annotation.ValueConstants.DEFAULT_NONE
							.equals(param.defaultValue());
			}).map(MethodParameter::getParameterName).toList();
		}

		private List<MethodParameter> parameters() {
			List<MethodParameter> parameters = List.of(this.handler.getMethodParameters());
			parameters.forEach(parameter -> parameter.initParameterNameDiscovery(NAMES));
			return parameters;
		}

		@Override
		public String toString() {
			return this.method + " " + this.pattern;
		}

	}

}

package dev.jiraai.support;

import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

import com.atlassian.connect.spring.internal.jwt.HttpRequestCanonicalizer;
import com.atlassian.connect.spring.internal.request.jwt.CanonicalHttpUriComponentsRequest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.nimbusds.jwt.JWTClaimsSet;

import org.springframework.http.HttpMethod;
import org.springframework.web.util.UriComponentsBuilder;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * A local stand-in for Atlassian's personal data reporting API
 * ({@code POST https://api.atlassian.com/app/report-accounts/}), as the user privacy
 * guide describes it.
 * <p>
 * Each request must carry a Connect JWT ({@code Authorization: JWT …}) signed with the
 * shared secret of a site of the {@link JiraCloudSimulator}, issued by the app key, with
 * the {@code qsh} of the request; its body must be
 * {@code {"accounts":[{"accountId":…,"updatedAt":…}]}} with 1 to 90 accounts and
 * {@code updatedAt} in the documented form ({@code 2017-05-29T14:38:01.000Z}). A valid
 * request is recorded as a {@link Report} of its site and answered with the next reply
 * scripted for that site, by default {@code 204 No Content}; an invalid one is answered
 * 400 or 401 and recorded as a violation.
 */
public final class PersonalDataReportingSimulator implements AutoCloseable {

	/** The path of the reporting API. */
	public static final String PATH = "/app/report-accounts/";

	private static final int MAX_ACCOUNTS = 90;

	private static final Pattern UPDATED_AT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");

	private static final ObjectMapper json = new ObjectMapper();

	private static PersonalDataReportingSimulator shared;

	private final WireMockServer server;

	private final JiraCloudSimulator jira;

	private final Map<String, Deque<Reply>> replies = new ConcurrentHashMap<>();

	private final List<Report> reports = new CopyOnWriteArrayList<>();

	private final List<String> violations = new CopyOnWriteArrayList<>();

	private PersonalDataReportingSimulator(JiraCloudSimulator jira) {
		this.jira = jira;
		this.server = new WireMockServer(options().dynamicPort().http2PlainDisabled(true).extensions(new Router()));
		this.server.start();
		this.server.stubFor(WireMock.any(WireMock.anyUrl()).willReturn(WireMock.aResponse().withStatus(404)));
	}

	/** The simulator of this test JVM, started on first use. */
	public static synchronized PersonalDataReportingSimulator shared() {
		if (shared == null) {
			shared = new PersonalDataReportingSimulator(JiraCloudSimulator.shared());
			Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "reporting-simulator-stop"));
		}
		return shared;
	}

	/** The base URL to configure as {@code jira-ai.privacy.reporting-base-url}. */
	public String baseUrl() {
		return this.server.baseUrl();
	}

	/** Answers the site's next reports with these replies, in order, then 204. */
	public void answer(SimulatedSite site, Reply... replies) {
		this.replies.computeIfAbsent(site.clientKey(), key -> new ArrayDeque<>()).addAll(List.of(replies));
	}

	/** The valid reports the site received, in order. */
	public List<Report> reports(SimulatedSite site) {
		return this.reports.stream().filter(report -> report.clientKey().equals(site.clientKey())).toList();
	}

	/** What the app sent that breaks the documented request shape or authentication. */
	public List<String> violations() {
		return List.copyOf(this.violations);
	}

	@Override
	public void close() {
		this.server.stop();
	}

	/** One scripted answer of the reporting API. */
	public sealed interface Reply {

		/** 200 with these statuses ({@code closed} or {@code updated}) by account id. */
		static Reply statuses(Map<String, String> statusByAccount) {
			return new Statuses(new LinkedHashMap<>(statusByAccount), null);
		}

		/** 204: nothing to do. */
		static Reply noAction() {
			return new Statuses(Map.of(), null);
		}

		/** 204 with a {@code Cycle-Period} header in hours. */
		static Reply noAction(int cyclePeriodHours) {
			return new Statuses(Map.of(), cyclePeriodHours);
		}

		/** 429 with {@code Retry-After} in seconds. */
		static Reply rateLimited(int retryAfterSeconds) {
			return new RateLimited(retryAfterSeconds);
		}

	}

	/**
	 * 200 with statuses, or 204 when there are none; with a {@code Cycle-Period} in hours
	 * when not null.
	 */
	public record Statuses(Map<String, String> statusByAccount, Integer cyclePeriodHours) implements Reply {
	}

	/** 429 Too Many Requests. */
	public record RateLimited(int retryAfterSeconds) implements Reply {
	}

	/**
	 * A valid report.
	 *
	 * @param clientKey the site whose shared secret signed it
	 * @param accounts {@code updatedAt} by account id, in the order sent
	 */
	public record Report(String clientKey, Map<String, String> accounts) {
	}

	private final class Router implements ResponseDefinitionTransformerV2 {

		@Override
		public String getName() {
			return "personal-data-reporting";
		}

		@Override
		public ResponseDefinition transform(ServeEvent event) {
			Request request = event.getRequest();
			if (!"POST".equals(request.getMethod().getName()) || !PATH.equals(request.getUrl())) {
				return status(404);
			}
			Optional<String> site = authenticate(request.getHeader("Authorization"));
			if (site.isEmpty()) {
				return status(401);
			}
			Map<String, String> accounts = accounts(request.getBodyAsString(), request.getHeader("Content-Type"));
			if (accounts == null) {
				return status(400);
			}
			reports.add(new Report(site.get(), accounts));
			Deque<Reply> queue = replies.get(site.get());
			Reply reply = (queue != null) ? queue.poll() : null;
			return respond(reply);
		}

		private ResponseDefinition respond(Reply reply) {
			if (reply instanceof RateLimited limited) {
				return ResponseDefinitionBuilder.responseDefinition()
					.withStatus(429)
					.withHeader("Retry-After", String.valueOf(limited.retryAfterSeconds()))
					.build();
			}
			Statuses statuses = (reply instanceof Statuses given) ? given : new Statuses(Map.of(), null);
			ResponseDefinitionBuilder builder = ResponseDefinitionBuilder.responseDefinition();
			if (statuses.cyclePeriodHours() != null) {
				builder.withHeader("Cycle-Period", String.valueOf(statuses.cyclePeriodHours()));
			}
			if (statuses.statusByAccount().isEmpty()) {
				return builder.withStatus(204).build();
			}
			var body = json.createObjectNode();
			var array = body.putArray("accounts");
			statuses.statusByAccount()
				.forEach((accountId, status) -> array.addObject().put("accountId", accountId).put("status", status));
			return builder.withStatus(200)
				.withHeader("Content-Type", "application/json")
				.withBody(body.toString())
				.build();
		}

		/** The site whose secret signed a valid Connect JWT for this request, if any. */
		private Optional<String> authenticate(String authorization) {
			if (authorization == null || !authorization.startsWith("JWT ")) {
				violations.add("Authorization is not a Connect JWT: " + authorization);
				return Optional.empty();
			}
			String token = authorization.substring("JWT ".length());
			for (SimulatedSite site : jira.sites()) {
				JWTClaimsSet claims;
				try {
					claims = ConnectJwts.verifyHs256(token, site.sharedSecret());
				}
				catch (IllegalArgumentException ex) {
					continue;
				}
				String problem = claimProblem(claims);
				if (problem != null) {
					violations.add(problem);
					return Optional.empty();
				}
				return Optional.of(site.clientKey());
			}
			violations.add("JWT is not signed with the shared secret of a simulated site");
			return Optional.empty();
		}

		private String claimProblem(JWTClaimsSet claims) {
			if (!JiraCloudSimulator.APP_KEY.equals(claims.getIssuer())) {
				return "JWT iss is not the app key: " + claims.getIssuer();
			}
			if (claims.getIssueTime() == null) {
				return "JWT has no iat";
			}
			try {
				String expected = HttpRequestCanonicalizer
					.computeCanonicalRequestHash(new CanonicalHttpUriComponentsRequest(HttpMethod.POST,
							UriComponentsBuilder.fromPath(PATH).build(), ""));
				Object qsh = claims.getClaim("qsh");
				return expected.equals(qsh) ? null : "JWT qsh does not match POST " + PATH + ": " + qsh;
			}
			catch (NoSuchAlgorithmException ex) {
				throw new IllegalStateException(ex);
			}
		}

		/**
		 * The reported accounts, or null (and a violation) when the body breaks the
		 * shape.
		 */
		private Map<String, String> accounts(String body, String contentType) {
			List<String> problems = new ArrayList<>();
			if (contentType == null || !contentType.startsWith("application/json")) {
				problems.add("Content-Type is not application/json: " + contentType);
			}
			Map<String, String> accounts = new LinkedHashMap<>();
			try {
				JsonNode root = json.readTree(body);
				if (root == null || !root.isObject() || !Set.of("accounts").equals(fieldNames(root))
						|| !root.get("accounts").isArray()) {
					problems.add("Body is not {\"accounts\":[…]}: " + body);
				}
				else if (root.get("accounts").isEmpty() || root.get("accounts").size() > MAX_ACCOUNTS) {
					problems.add("A report holds 1 to 90 accounts, not " + root.get("accounts").size());
				}
				else {
					for (JsonNode account : root.get("accounts")) {
						if (!Set.of("accountId", "updatedAt").equals(fieldNames(account))
								|| !account.get("accountId").isTextual() || account.get("accountId").asText().isBlank()
								|| !account.get("updatedAt").isTextual()
								|| !UPDATED_AT.matcher(account.get("updatedAt").asText()).matches()) {
							problems
								.add("Account is not {accountId, updatedAt (yyyy-MM-ddTHH:mm:ss.SSSZ)}: " + account);
						}
						else if (accounts.put(account.get("accountId").asText(),
								account.get("updatedAt").asText()) != null) {
							problems.add("Account reported twice in one request: " + account.get("accountId"));
						}
					}
				}
			}
			catch (java.io.IOException ex) {
				problems.add("Body is not JSON: " + body);
			}
			violations.addAll(problems);
			return problems.isEmpty() ? accounts : null;
		}

		private static Set<String> fieldNames(JsonNode node) {
			Set<String> names = new java.util.HashSet<>();
			Iterator<String> it = node.fieldNames();
			it.forEachRemaining(names::add);
			return names;
		}

		private static ResponseDefinition status(int status) {
			return ResponseDefinitionBuilder.responseDefinition().withStatus(status).build();
		}

	}

}

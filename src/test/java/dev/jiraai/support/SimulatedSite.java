package dev.jiraai.support;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.RSAPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.nimbusds.jwt.JWTClaimsSet;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * One simulated Jira Cloud site: it installs the app as Jira does, signs the tokens Jira
 * hands the app's iframes and Forge hands its remote, and serves its content through REST
 * v3, refusing calls that are unauthenticated or that break Atlassian's OpenAPI spec
 * (every violation is recorded so the test fails even if the app swallows the 400). Its
 * own answers are held to the same spec: a shape the spec does not allow is recorded as a
 * {@code SIMULATOR:} violation.
 */
public final class SimulatedSite implements AutoCloseable {

	private static final String CONTENT_TYPE = "application/json;charset=UTF-8";

	private final JiraCloudSimulator cloud;

	private final String clientKey;

	private final String installationId;

	private final String cloudId = UUID.randomUUID().toString();

	private final String oauthClientId = "oauth-" + UUID.randomUUID();

	private volatile String sharedSecret = newSecret();

	private final WireMockServer server;

	private final SiteData data = SiteData.seeded();

	private final JiraRestHandlers handlers;

	private final List<String> violations = new CopyOnWriteArrayList<>();

	private final List<JiraCall> calls = new CopyOnWriteArrayList<>();

	private final List<FaultState> faults = new CopyOnWriteArrayList<>();

	private final Map<String, String> userTokens = new ConcurrentHashMap<>();

	/** When the bearer tokens that expire (Forge user tokens) stop working. */
	private final Map<String, Instant> userTokenExpiry = new ConcurrentHashMap<>();

	/** How long a Forge user token works, unless a test asks for another lifetime. */
	static final Duration FORGE_USER_TOKEN_LIFETIME = Duration.ofMinutes(15);

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	SimulatedSite(JiraCloudSimulator cloud, String name) {
		this.cloud = cloud;
		this.clientKey = "jira:" + name + ":" + UUID.randomUUID();
		this.installationId = "ari:cloud:ecosystem::installation/" + UUID.randomUUID();
		this.handlers = new JiraRestHandlers(this.data, this::baseUrl);
		this.server = new WireMockServer(options().dynamicPort().http2PlainDisabled(true).extensions(new SiteRouter()));
		this.server.start();
		this.server.stubFor(WireMock.any(WireMock.anyUrl()).willReturn(WireMock.aResponse().withStatus(404)));
	}

	private static String newSecret() {
		return (UUID.randomUUID().toString() + UUID.randomUUID()).replace("-", "");
	}

	public String baseUrl() {
		return this.server.baseUrl();
	}

	public String clientKey() {
		return this.clientKey;
	}

	public String installationId() {
		return this.installationId;
	}

	public String cloudId() {
		return this.cloudId;
	}

	String oauthClientId() {
		return this.oauthClientId;
	}

	public String sharedSecret() {
		return this.sharedSecret;
	}

	public SiteData data() {
		return this.data;
	}

	/**
	 * Denies a user a project permission, as a Jira admin would in the permission scheme:
	 * {@code BROWSE_PROJECTS} (the project's issues then do not exist for the user: 404,
	 * left out of searches), {@code CREATE_ISSUES}, {@code EDIT_ISSUES} (also entity
	 * property writes), {@code ADD_COMMENTS}, {@code TRANSITION_ISSUES} or
	 * {@code ASSIGNABLE_USER} (the user can no longer be assigned issues of the project).
	 * The app always holds every permission.
	 * @throws IllegalArgumentException when the permission or the project is unknown
	 */
	public SimulatedSite deny(String accountId, String permission, String projectKey) {
		this.data.deny(accountId, permission, projectKey);
		return this;
	}

	/** Sets a user's Jira time zone (what {@code myself} answers). */
	public SimulatedSite timeZone(String accountId, java.time.ZoneId zone) {
		this.data.timeZone(accountId, zone);
		return this;
	}

	/**
	 * Records that a user updated, commented on or transitioned an issue at an instant,
	 * as Jira's issue history would show it to {@code updatedBy()}.
	 */
	public SimulatedSite activity(String issueKey, String accountId, Instant at) {
		this.data.recordActivity(issueKey, accountId, at);
		return this;
	}

	/**
	 * Issues created from now on appear in {@code search/jql} only after this lag, as
	 * Jira documents for its search index (reads of an issue by key are not affected).
	 */
	public SimulatedSite lagSearchIndex(Duration lag) {
		this.data.lagIndex(lag);
		return this;
	}

	/**
	 * Holds new issues out of search results until {@code releaseSearchIndex()}: an index
	 * that lags longer than anything the app waits for.
	 */
	public SimulatedSite holdSearchIndex() {
		this.data.holdIndex(true);
		return this;
	}

	/** The index catches up: every issue is searchable again. */
	public SimulatedSite releaseSearchIndex() {
		this.data.holdIndex(false);
		return this;
	}

	/**
	 * The seeded user with this display name's first name, e.g. {@code user("Alice")}.
	 */
	public String user(String firstName) {
		return this.data.users()
			.stream()
			.filter(user -> user.path("displayName").asText().startsWith(firstName + " "))
			.map(user -> user.path("accountId").asText())
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("No seeded user " + firstName));
	}

	// ---- Jira -> app: lifecycle
	// -------------------------------------------------------------------------------

	/**
	 * Installs the app as Jira does: a lifecycle POST signed RS256 by Atlassian's install
	 * key.
	 */
	public HttpResponse<String> install(String appBaseUrl) {
		return lifecycle("installed", appBaseUrl, claims -> {
		});
	}

	/** Uninstalls the app as Jira does (also a signed lifecycle call). */
	public HttpResponse<String> uninstall(String appBaseUrl) {
		return lifecycle("uninstalled", appBaseUrl, claims -> {
		});
	}

	/**
	 * Jira hands out a new shared secret at the next install, as it does on a reinstall.
	 */
	public String rotateSharedSecret() {
		this.sharedSecret = newSecret();
		return this.sharedSecret;
	}

	/**
	 * A lifecycle call whose install JWT can be tampered with, to test forged installs.
	 * @param tweak changes the claims before they are signed
	 */
	public HttpResponse<String> lifecycle(String eventType, String appBaseUrl, Consumer<JWTClaimsSet.Builder> tweak) {
		return lifecycle(eventType, appBaseUrl, tweak, this.cloud.installKey(), this.cloud.installKeyId());
	}

	/** A lifecycle call signed with any key and key id (a forger's). */
	public HttpResponse<String> lifecycle(String eventType, String appBaseUrl, Consumer<JWTClaimsSet.Builder> tweak,
			RSAPrivateKey signingKey, String keyId) {
		String path = "/" + eventType;
		Instant now = Instant.now();
		JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(this.clientKey)
			.audience(appBaseUrl)
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plus(Duration.ofMinutes(3))))
			.claim("qsh", ConnectJwts.qsh("POST", path));
		tweak.accept(claims);
		String jwt = ConnectJwts.rs256(signingKey, keyId, claims.build());
		return post(appBaseUrl + path, lifecyclePayload(eventType), "JWT " + jwt);
	}

	/** A lifecycle call with no JWT at all. */
	public HttpResponse<String> unsignedLifecycle(String eventType, String appBaseUrl) {
		return post(appBaseUrl + "/" + eventType, lifecyclePayload(eventType), null);
	}

	private String lifecyclePayload(String eventType) {
		Map<String, Object> payload = new LinkedHashMap<>();
		payload.put("key", JiraCloudSimulator.APP_KEY);
		payload.put("clientKey", this.clientKey);
		payload.put("oauthClientId", this.oauthClientId);
		payload.put("sharedSecret", this.sharedSecret);
		payload.put("serverVersion", "100283");
		payload.put("pluginsVersion", "1001.0.0-SNAPSHOT");
		payload.put("baseUrl", baseUrl());
		payload.put("displayUrl", baseUrl());
		payload.put("productType", "jira");
		payload.put("description", "Atlassian JIRA at " + baseUrl());
		payload.put("eventType", eventType);
		payload.put("cloudId", this.cloudId);
		payload.put("installationId", this.installationId);
		try {
			return SiteData.json.writeValueAsString(payload);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private HttpResponse<String> post(String url, String body, String authorization) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		try {
			return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	// ---- Jira -> app: tokens
	// ----------------------------------------------------------------------------------

	/**
	 * A Connect context JWT ({@code AP.context.getToken()}) for a user, as the app's
	 * frontend gets it.
	 */
	public String contextJwt(String accountId) {
		return contextJwt(accountId, claims -> {
		});
	}

	/**
	 * A context JWT whose claims can be changed before signing (no qsh, expired, another
	 * issuer...).
	 */
	public String contextJwt(String accountId, Consumer<JWTClaimsSet.Builder> tweak) {
		return ConnectJwts.hs256(this.sharedSecret, this.clientKey, claims -> {
			claims.subject(accountId).claim("qsh", ConnectJwts.CONTEXT_QSH);
			tweak.accept(claims);
		});
	}

	/**
	 * The JWT Jira puts in an iframe URL, its {@code qsh} bound to that URL (path
	 * relative to the app base URL).
	 */
	public String iframeJwt(String accountId, String method, String pathAndQuery) {
		return ConnectJwts.hs256(this.sharedSecret, this.clientKey,
				claims -> claims.subject(accountId).claim("qsh", ConnectJwts.qsh(method, pathAndQuery)));
	}

	/** A Forge Invocation Token for a user of this site's Forge installation. */
	public String forgeInvocationToken(String accountId) {
		return forgeInvocationToken(accountId, claims -> {
		});
	}

	public String forgeInvocationToken(String accountId, Consumer<JWTClaimsSet.Builder> tweak) {
		return this.cloud.forgeInvocationToken(this, accountId, tweak);
	}

	/**
	 * The user token Forge sends along with an invocation ({@code x-forge-oauth-user}).
	 */
	public String forgeUserToken(String accountId) {
		return forgeUserToken(accountId, FORGE_USER_TOKEN_LIFETIME);
	}

	/**
	 * A Forge user token with its own lifetime. Forge issues them as JWTs whose
	 * {@code exp} says when they stop working; the simulated Jira refuses them after it.
	 */
	public String forgeUserToken(String accountId, Duration lifetime) {
		Instant expiry = Instant.now().plus(lifetime);
		String token = new com.nimbusds.jwt.PlainJWT(new JWTClaimsSet.Builder().subject(accountId)
			.jwtID(UUID.randomUUID().toString())
			.expirationTime(Date.from(expiry))
			.build()).serialize();
		this.userTokens.put(token, accountId);
		this.userTokenExpiry.put(token, expiry);
		return token;
	}

	String issueUserToken(String accountId) {
		String token = "user-token-" + UUID.randomUUID();
		this.userTokens.put(token, accountId);
		return token;
	}

	// ---- app -> Jira: what the site saw
	// -----------------------------------------------------------------------

	public List<JiraCall> calls() {
		return List.copyOf(this.calls);
	}

	/**
	 * The calls with this method whose path matches a regular expression, in the order
	 * they were made.
	 */
	public List<JiraCall> calls(String method, String pathRegex) {
		return this.calls.stream().filter(call -> call.is(method, pathRegex)).toList();
	}

	public List<String> violations() {
		return List.copyOf(this.violations);
	}

	void resetViolations() {
		this.violations.clear();
	}

	/** Makes the next matching requests fail. */
	public SimulatedSite inject(JiraFault fault) {
		return injectAfter(0, fault);
	}

	/**
	 * Lets {@code passes} matching requests through, then makes the next ones fail (e.g.
	 * the third create of a batch).
	 */
	public SimulatedSite injectAfter(int passes, JiraFault fault) {
		this.faults.add(new FaultState(fault, passes));
		return this;
	}

	/**
	 * Makes a user a Jira administrator of the site, or no longer one (seeded: Alice and
	 * Carol are, Bob is not).
	 */
	public SimulatedSite administrator(String accountId, boolean administrator) {
		this.data.administer(accountId, administrator);
		return this;
	}

	/**
	 * Gives back a permission {@link #deny} took away, as a Jira admin fixing it would.
	 */
	public SimulatedSite allow(String accountId, String permission, String projectKey) {
		this.data.allow(accountId, permission, projectKey);
		return this;
	}

	@Override
	public void close() {
		this.server.stop();
	}

	private static final class FaultState {

		final JiraFault fault;

		int remaining;

		int passes;

		FaultState(JiraFault fault, int passes) {
			this.fault = fault;
			this.remaining = fault.times();
			this.passes = passes;
		}

	}

	private synchronized JiraFault takeFault(String method, String path) {
		for (FaultState state : this.faults) {
			if (state.remaining > 0 && state.fault.matches(method, path)) {
				if (state.passes > 0) {
					state.passes--;
					continue;
				}
				state.remaining--;
				return state.fault;
			}
		}
		return null;
	}

	/**
	 * Authenticates, validates, injects faults and dispatches every REST call the app
	 * makes to this site.
	 */
	private final class SiteRouter implements ResponseDefinitionTransformerV2 {

		@Override
		public String getName() {
			return "jira-site";
		}

		@Override
		public ResponseDefinition transform(ServeEvent event) {
			Request request = event.getRequest();
			String method = request.getMethod().getName();
			URI uri = URI.create(request.getUrl());
			String path = uri.getPath();
			Map<String, List<String>> query = decodeQuery(uri.getRawQuery());
			String body = request.getBodyAsString();
			if (!path.startsWith("/rest/")) {
				return respond(JiraRestHandlers.SimResponse.error(404, "No such resource"));
			}
			String caller;
			try {
				caller = authenticate(request, method);
			}
			catch (IllegalArgumentException ex) {
				calls.add(new JiraCall(method, path, query, body, null, 401));
				return respond(JiraRestHandlers.SimResponse.error(401, ex.getMessage()));
			}
			String contentType = request.getHeader("Content-Type");
			List<String> problems = JiraSpecValidator.violations(method, path, query, contentType, body);
			if (!problems.isEmpty()) {
				violations.addAll(problems);
				calls.add(new JiraCall(method, path, query, body, caller, 400));
				return respond(new JiraRestHandlers.SimResponse(400,
						SiteData.json.createObjectNode().set("errorMessages", SiteData.json.valueToTree(problems)),
						Map.of()));
			}
			JiraFault fault = takeFault(method, path);
			if (fault != null && fault.kind() != JiraFault.Kind.DELAY) {
				return faulted(fault, method, path, query, body, caller);
			}
			JiraRestHandlers.SimResponse response = answer(method, path, query, body, caller);
			calls.add(new JiraCall(method, path, query, body, caller, response.status()));
			ResponseDefinitionBuilder builder = builder(response);
			if (fault != null) {
				builder.withFixedDelay((int) fault.delay().toMillis());
			}
			return builder.build();
		}

		private ResponseDefinition faulted(JiraFault fault, String method, String path, Map<String, List<String>> query,
				String body, String caller) {
			switch (fault.kind()) {
				case STATUS -> {
					calls.add(new JiraCall(method, path, query, body, caller, fault.status()));
					ResponseDefinitionBuilder builder = builder(
							JiraRestHandlers.SimResponse.error(fault.status(), "Injected failure"));
					if (fault.retryAfterSeconds() != null) {
						builder.withHeader("Retry-After", String.valueOf(fault.retryAfterSeconds()));
					}
					return builder.build();
				}
				case CONNECTION_RESET -> {
					calls.add(new JiraCall(method, path, query, body, caller, 0));
					return ResponseDefinitionBuilder.responseDefinition()
						.withFault(Fault.CONNECTION_RESET_BY_PEER)
						.build();
				}
				case LOST_RESPONSE -> {
					JiraRestHandlers.SimResponse done = answer(method, path, query, body, caller);
					calls.add(new JiraCall(method, path, query, body, caller, done.status()));
					return ResponseDefinitionBuilder.responseDefinition()
						.withFault(Fault.CONNECTION_RESET_BY_PEER)
						.build();
				}
				default -> throw new IllegalStateException("Unexpected fault " + fault);
			}
		}

		/**
		 * The handler's answer, with what it says about the test recorded: endpoints the
		 * simulator does not implement, calls the app must not make, and any way the
		 * answer itself breaks the spec (prefixed {@code SIMULATOR:}, since the simulator
		 * must never answer in a shape Jira's spec does not allow).
		 */
		private JiraRestHandlers.SimResponse answer(String method, String path, Map<String, List<String>> query,
				String body, String caller) {
			JiraRestHandlers.SimResponse response;
			try {
				response = handlers.handle(method, path, query, body, caller);
			}
			catch (RuntimeException ex) {
				violations
					.add("%s%s %s: the simulator failed: %s".formatted(JiraSpecValidator.SIMULATOR, method, path, ex));
				return JiraRestHandlers.SimResponse.error(500, "The Jira simulator failed: " + ex);
			}
			if (response.status() == 501) {
				violations.add("%s %s: the simulator does not implement this endpoint".formatted(method, path));
				return response;
			}
			if (response.violation() != null) {
				violations.add(response.violation());
			}
			String answered = (response.body() != null) ? response.body().toString() : null;
			if (response.checkedAgainstSpec()) {
				violations.addAll(JiraSpecValidator.responseViolations(method, path, response.status(),
						(answered != null) ? CONTENT_TYPE : null, answered));
			}
			else if (answered != null && JiraSpecValidator.errorCollectionProblem(answered) != null) {
				violations.add("%s%s %s %d: %s".formatted(JiraSpecValidator.SIMULATOR, method, path, response.status(),
						JiraSpecValidator.errorCollectionProblem(answered)));
			}
			return response;
		}

		/**
		 * Who the call is from: the app (Connect JWT signed with the site's shared
		 * secret, qsh bound to this very request) or a user (a bearer token this site's
		 * OAuth endpoint or Forge issued).
		 */
		private String authenticate(Request request, String method) {
			String authorization = request.getHeader("Authorization");
			if (authorization == null) {
				throw new IllegalArgumentException("Client must be authenticated to access this resource.");
			}
			if (authorization.startsWith("JWT ")) {
				String token = authorization.substring(4);
				JWTClaimsSet claims = ConnectJwts.verifyHs256(token, sharedSecret);
				if (!JiraCloudSimulator.APP_KEY.equals(claims.getIssuer())) {
					throw new IllegalArgumentException("JWT issuer is not the installed app");
				}
				Object qsh = claims.getClaim("qsh");
				if (qsh == null || !qsh.equals(ConnectJwts.qsh(method, request.getUrl()))) {
					throw new IllegalArgumentException("JWT qsh does not match the request");
				}
				return "app";
			}
			if (authorization.startsWith("Bearer ")) {
				String bearer = authorization.substring(7);
				String accountId = userTokens.get(bearer);
				Instant expiry = userTokenExpiry.get(bearer);
				if (accountId == null || (expiry != null && Instant.now().isAfter(expiry))) {
					throw new IllegalArgumentException("Unknown or expired bearer token");
				}
				return accountId;
			}
			throw new IllegalArgumentException("Unsupported authorization scheme");
		}

		private ResponseDefinition respond(JiraRestHandlers.SimResponse response) {
			return builder(response).build();
		}

		private ResponseDefinitionBuilder builder(JiraRestHandlers.SimResponse response) {
			ResponseDefinitionBuilder builder = ResponseDefinitionBuilder.responseDefinition()
				.withStatus(response.status());
			response.headers().forEach(builder::withHeader);
			if (response.body() != null) {
				builder.withHeader("Content-Type", CONTENT_TYPE).withBody(response.body().toString());
			}
			return builder;
		}

	}

	static Map<String, List<String>> decodeQuery(String rawQuery) {
		Map<String, List<String>> query = new LinkedHashMap<>();
		if (rawQuery == null || rawQuery.isEmpty()) {
			return query;
		}
		for (String pair : rawQuery.split("&")) {
			int eq = pair.indexOf('=');
			String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
			String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
			query.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
		}
		return query;
	}

	/** Stamps an issue update time, for writes. */
	static void touch(ObjectNode issue) {
		issue.put("updated", SiteData.now());
	}

}

package dev.jiraai.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.jiraai.support.ConnectJwts;
import dev.jiraai.support.JiraCloudSimulator;

/**
 * A lean Jira Cloud site and the platform around it, for load: it answers only what an
 * assessment uses (the issue read, the score property write, the Connect install key and
 * the Forge JWKS), each after a fixed latency, and checks no signature or spec. The
 * {@code JiraCloudSimulator} of the tests validates every request against the OpenAPI
 * spec, which costs more CPU per call than the app does; this one must stay out of the
 * figures.
 */
final class BenchJira implements AutoCloseable {

	private static final String JSON = "application/json";

	private final Duration latency;

	private final HttpServer server;

	private final KeyPair installKey = rsa();

	private final String installKeyId = "bench-install-" + UUID.randomUUID();

	private final RSAKey forgeKey;

	final String clientKey = "jira:bench:" + UUID.randomUUID();

	final String sharedSecret = (UUID.randomUUID().toString() + UUID.randomUUID()).replace("-", "");

	final String cloudId = UUID.randomUUID().toString();

	final String installationId = "ari:cloud:ecosystem::installation/" + UUID.randomUUID();

	private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();

	BenchJira(Duration latency) throws IOException {
		this.latency = latency;
		KeyPair forge = rsa();
		this.forgeKey = new RSAKey.Builder((RSAPublicKey) forge.getPublic()).privateKey(forge.getPrivate())
			.keyID("bench-forge-" + UUID.randomUUID())
			.build();
		this.server = HttpServer.create(new InetSocketAddress("localhost", 0), 4096);
		Upstream.onVirtualThreads(this.server);
		this.server.createContext("/", this::handle);
		this.server.start();
	}

	String baseUrl() {
		return "http://localhost:" + this.server.getAddress().getPort();
	}

	String publicKeyBaseUrl() {
		return baseUrl() + "/connect-keys";
	}

	String forgeJwksUrl() {
		return baseUrl() + "/forge/jwks.json";
	}

	/**
	 * How often each endpoint was called ({@code METHOD shape}), unknown ones included.
	 */
	Map<String, Long> calls() {
		Map<String, Long> counts = new java.util.TreeMap<>();
		this.calls.forEach((key, count) -> counts.put(key, count.sum()));
		return counts;
	}

	/**
	 * The issue read as the app makes it, for the ideal: same server, same latency.
	 */
	String issuePath(String key) {
		return "/rest/api/3/issue/" + key + "?fields=summary,description,comment";
	}

	private void handle(HttpExchange exchange) throws IOException {
		String method = exchange.getRequestMethod();
		String path = exchange.getRequestURI().getPath();
		Upstream.body(exchange);
		Upstream.pause(this.latency);
		if (method.equals("GET") && path.equals("/connect-keys/" + this.installKeyId)) {
			count("GET connect-key");
			Upstream.respond(exchange, 200, "text/plain", pem());
		}
		else if (method.equals("GET") && path.equals("/forge/jwks.json")) {
			count("GET forge-jwks");
			Upstream.respond(exchange, 200, JSON, new JWKSet(this.forgeKey.toPublicJWK()).toString());
		}
		else if (method.equals("GET") && path.matches(".*/rest/api/3/issue/[A-Z]+-\\d+")) {
			count("GET issue");
			Upstream.respond(exchange, 200, JSON, BenchIssue.json(path.substring(path.lastIndexOf('/') + 1)));
		}
		else if (method.equals("PUT") && path.matches(".*/rest/api/3/issue/[A-Z]+-\\d+/properties/[^/]+")) {
			count("PUT issue property");
			Upstream.respond(exchange, 200, JSON, "");
		}
		else if (method.equals("GET") && path.endsWith("/rest/api/3/myself")) {
			count("GET myself");
			Upstream.respond(exchange, 200, JSON,
					"{\"accountId\":\"acc-alice\",\"displayName\":\"Alice Moreau\",\"active\":true}");
		}
		else {
			count("UNKNOWN " + method + " " + path.replaceAll("[A-Z]+-\\d+", "{key}"));
			Upstream.respond(exchange, 404, JSON, "{\"errorMessages\":[\"Not simulated by the bench\"]}");
		}
	}

	private void count(String endpoint) {
		this.calls.computeIfAbsent(endpoint, key -> new LongAdder()).increment();
	}

	private String pem() {
		return "-----BEGIN PUBLIC KEY-----\n"
				+ Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(this.installKey.getPublic().getEncoded())
				+ "\n-----END PUBLIC KEY-----\n";
	}

	/**
	 * Installs the app as Jira does: the lifecycle POST signed RS256 with the install
	 * key.
	 */
	HttpResponse<String> install(HttpClient http, String appBaseUrl) throws IOException, InterruptedException {
		Instant now = Instant.now();
		JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(this.clientKey)
			.audience(appBaseUrl)
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plus(Duration.ofMinutes(3))))
			.claim("qsh", ConnectJwts.qsh("POST", "/installed"))
			.build();
		String jwt = ConnectJwts.rs256((RSAPrivateKey) this.installKey.getPrivate(), this.installKeyId, claims);
		Map<String, Object> payload = new java.util.LinkedHashMap<>();
		payload.put("key", JiraCloudSimulator.APP_KEY);
		payload.put("clientKey", this.clientKey);
		payload.put("oauthClientId", "oauth-bench");
		payload.put("sharedSecret", this.sharedSecret);
		payload.put("serverVersion", "100283");
		payload.put("pluginsVersion", "1001.0.0-SNAPSHOT");
		payload.put("baseUrl", baseUrl());
		payload.put("displayUrl", baseUrl());
		payload.put("productType", "jira");
		payload.put("description", "Bench Jira at " + baseUrl());
		payload.put("eventType", "installed");
		payload.put("cloudId", this.cloudId);
		payload.put("installationId", this.installationId);
		HttpRequest request = HttpRequest.newBuilder(URI.create(appBaseUrl + "/installed"))
			.header("Content-Type", JSON)
			.header("Authorization", "JWT " + jwt)
			.POST(HttpRequest.BodyPublishers.ofString(new ObjectMapper().writeValueAsString(payload)))
			.build();
		return http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	/** A Connect context JWT, as {@code AP.context.getToken()} hands the frontend. */
	String contextJwt(String accountId) {
		return ConnectJwts.hs256(this.sharedSecret, this.clientKey,
				claims -> claims.subject(accountId).claim("qsh", ConnectJwts.CONTEXT_QSH));
	}

	/** A Forge Invocation Token, as Forge signs it when Custom UI calls the remote. */
	String forgeInvocationToken(String accountId) {
		Instant now = Instant.now();
		JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer("forge/invocation-token")
			.audience(JiraCloudSimulator.FORGE_APP_ID)
			.issueTime(Date.from(now))
			.notBeforeTime(Date.from(now))
			.expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
			.jwtID(UUID.randomUUID().toString())
			.claim("principal", accountId)
			.claim("app",
					Map.of("id", JiraCloudSimulator.FORGE_APP_ID, "version", "1", "installationId", this.installationId,
							"apiBaseUrl", baseUrl(), "environment", Map.of("type", "PRODUCTION", "id", "env-1"),
							"module", Map.of("type", "xen:macro", "key", "assess-issue-panel")))
			.claim("context", Map.of("cloudId", this.cloudId, "moduleKey", "assess-issue-panel", "siteUrl", baseUrl()))
			.build();
		try {
			return ConnectJwts.rs256((RSAPrivateKey) this.forgeKey.toPrivateKey(), this.forgeKey.getKeyID(), claims);
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static KeyPair rsa() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			return generator.generateKeyPair();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}

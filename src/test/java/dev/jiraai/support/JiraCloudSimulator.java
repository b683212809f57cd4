package dev.jiraai.support;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * A local stand-in for Jira Cloud and the Atlassian platform around it, speaking their
 * real wire formats.
 * <p>
 * The platform part (one WireMock server) serves what is shared by all sites: the Connect
 * install key server ({@code {publicKeyBaseUrl}/{kid}}), the Forge JWKS that Forge
 * Invocation Tokens are signed with, and the OAuth 2.0 token endpoint used to act as a
 * user. Each {@link SimulatedSite} is a Jira Cloud site on its own server: it installs
 * the app with a signed lifecycle call, signs the tokens Jira would give the app's
 * iframes, serves a seeded site through REST v3 and checks every request against
 * Atlassian's OpenAPI spec.
 * <p>
 * One simulator is shared per test JVM ({@link #shared()}); tests create their own sites
 * so their data never meets.
 */
public final class JiraCloudSimulator implements AutoCloseable {

	/** The Forge app id tests configure as {@code app.id}. */
	public static final String FORGE_APP_ID = "ari:cloud:ecosystem::app/6f3b2f2e-8d0a-4b53-9c43-0d9a7b1e5f10";

	/** The Connect app key tests configure as {@code app.key}. */
	public static final String APP_KEY = "dev.jiraai.assistant";

	private static JiraCloudSimulator shared;

	/**
	 * The part of Jira's AP API the app uses, talking to the simulator instead of a Jira
	 * host frame.
	 */
	private static final String ALL_JS_STAND_IN = """
			(function () {
			  var origin = new URL(document.currentScript.src).origin;
			  var jwt = new URLSearchParams(window.location.search).get('jwt');
			  window.AP = {
			    context: {
			      getToken: function () {
			        return fetch(origin + '/atlassian-connect/context-token?jwt=' + encodeURIComponent(jwt))
			          .then(function (r) { if (!r.ok) { throw new Error('token ' + r.status); } return r.text(); });
			      }
			    },
			    resize: function () {},
			    sizeToParent: function () {},
			    navigator: { go: function () {}, reload: function () {} },
			    dialog: { close: function () {}, create: function () { return { on: function () {} }; } },
			    flag: { create: function () { return { close: function () {} }; } }
			  };
			})();
			""";

	private final WireMockServer platform;

	private final KeyPair installKey = rsa();

	private final String installKeyId = "jira-install-" + UUID.randomUUID();

	private final RSAKey forgeKey;

	private final AtomicInteger jwksFetches = new AtomicInteger();

	private final Map<String, SimulatedSite> sites = new ConcurrentHashMap<>();

	private final List<SimulatedSite> created = new CopyOnWriteArrayList<>();

	private final AtomicInteger siteCounter = new AtomicInteger();

	private JiraCloudSimulator() {
		KeyPair forge = rsa();
		this.forgeKey = new RSAKey.Builder((RSAPublicKey) forge.getPublic()).privateKey(forge.getPrivate())
			.keyID("forge-" + UUID.randomUUID())
			.build();
		this.platform = new WireMockServer(
				options().dynamicPort().http2PlainDisabled(true).extensions(new PlatformRouter()));
		this.platform.start();
		this.platform.stubFor(WireMock.any(WireMock.anyUrl()).willReturn(WireMock.aResponse().withStatus(404)));
	}

	/** The simulator of this test JVM, started on first use. */
	public static synchronized JiraCloudSimulator shared() {
		if (shared == null) {
			shared = new JiraCloudSimulator();
			Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "jira-simulator-stop"));
		}
		return shared;
	}

	/** Every site created so far, installed or not. */
	public List<SimulatedSite> sites() {
		return List.copyOf(this.created);
	}

	/** A new, not yet installed site with the seeded content. */
	public SimulatedSite newSite(String name) {
		SimulatedSite site = new SimulatedSite(this, name + "-" + this.siteCounter.incrementAndGet());
		this.sites.put(site.clientKey(), site);
		this.created.add(site);
		return site;
	}

	/**
	 * Where the app fetches the public keys of signed installs
	 * ({@code atlassian.connect.public-key-base-url}).
	 */
	public String publicKeyBaseUrl() {
		return this.platform.baseUrl() + "/connect-keys";
	}

	/** The Forge JWKS ({@code atlassian.connect.forge-invocation-token-jwks-url}). */
	public String forgeJwksUrl() {
		return this.platform.baseUrl() + "/forge/.well-known/jwks.json";
	}

	/**
	 * The OAuth 2.0 token endpoint the app exchanges JWT assertions at to act as a user.
	 */
	/** How Atlassian's authorization server (act-as-user tokens) answers. */
	public enum AuthorizationServer {

		/** Grants tokens for valid assertions. */
		UP,

		/** Cannot be reached (the connection is reset). */
		DOWN,

		/** Refuses every grant (401). */
		REFUSING

	}

	private volatile AuthorizationServer authorizationServer = AuthorizationServer.UP;

	/** Makes act-as-user token requests fail, or work again with {@code UP}. */
	public void authorizationServer(AuthorizationServer mode) {
		this.authorizationServer = mode;
	}

	public String oauthTokenUrl() {
		return this.platform.baseUrl() + "/oauth2/token";
	}

	/**
	 * A local stand-in for Jira's {@code all.js} ({@code atlassian.connect.all-js-url}):
	 * {@code AP.context.getToken()} exchanges the iframe's {@code jwt} for a fresh
	 * context JWT of the same site and user, as the Jira host frame does.
	 */
	public String allJsUrl() {
		return this.platform.baseUrl() + "/atlassian-connect/all.js";
	}

	/** How many times the Forge JWKS was downloaded. */
	public int jwksFetches() {
		return this.jwksFetches.get();
	}

	/** Every OpenAPI violation any site saw since the last {@link #resetViolations()}. */
	public List<String> violations() {
		List<String> all = new ArrayList<>();
		this.created.forEach(site -> all.addAll(site.violations()));
		return all;
	}

	public void resetViolations() {
		this.created.forEach(SimulatedSite::resetViolations);
	}

	RSAPrivateKey installKey() {
		return (RSAPrivateKey) this.installKey.getPrivate();
	}

	/**
	 * The key id of Atlassian's install signing key, which forgers may copy into their
	 * header.
	 */
	public String installKeyId() {
		return this.installKeyId;
	}

	/**
	 * Signs a Forge Invocation Token for a user of a site, as Forge does when Custom UI
	 * calls the remote.
	 */
	String forgeInvocationToken(SimulatedSite site, String accountId, Consumer<JWTClaimsSet.Builder> tweak) {
		Instant now = Instant.now();
		JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer("forge/invocation-token")
			.audience(FORGE_APP_ID)
			.issueTime(Date.from(now))
			.notBeforeTime(Date.from(now))
			.expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
			.jwtID(UUID.randomUUID().toString())
			.claim("principal", accountId)
			.claim("app",
					Map.of("id", FORGE_APP_ID, "version", "1", "installationId", site.installationId(), "apiBaseUrl",
							site.baseUrl(), "environment", Map.of("type", "PRODUCTION", "id", "env-1"), "module",
							Map.of("type", "xen:macro", "key", "assess-issue-panel")))
			.claim("context",
					Map.of("cloudId", site.cloudId(), "moduleKey", "assess-issue-panel", "siteUrl", site.baseUrl()));
		tweak.accept(claims);
		return ConnectJwts.rs256((RSAPrivateKey) toPrivate(this.forgeKey), this.forgeKey.getKeyID(), claims.build());
	}

	private static java.security.PrivateKey toPrivate(RSAKey key) {
		try {
			return key.toPrivateKey();
		}
		catch (com.nimbusds.jose.JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static KeyPair rsa() {
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
		this.created.forEach(SimulatedSite::close);
		this.platform.stop();
	}

	/** Answers the platform's shared endpoints. */
	private final class PlatformRouter implements ResponseDefinitionTransformerV2 {

		@Override
		public String getName() {
			return "atlassian-platform";
		}

		@Override
		public ResponseDefinition transform(ServeEvent event) {
			var request = event.getRequest();
			String path = URI.create(request.getUrl()).getPath();
			if (request.getMethod().getName().equals("GET") && path.equals("/connect-keys/" + installKeyId)) {
				String pem = "-----BEGIN PUBLIC KEY-----\n"
						+ Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(installKey.getPublic().getEncoded())
						+ "\n-----END PUBLIC KEY-----\n";
				return ResponseDefinitionBuilder.responseDefinition().withStatus(200).withBody(pem).build();
			}
			if (request.getMethod().getName().equals("GET") && path.equals("/forge/.well-known/jwks.json")) {
				jwksFetches.incrementAndGet();
				return ResponseDefinitionBuilder.responseDefinition()
					.withStatus(200)
					.withHeader("Content-Type", "application/json")
					.withBody(new JWKSet(forgeKey.toPublicJWK()).toString())
					.build();
			}
			if (request.getMethod().getName().equals("POST") && path.equals("/oauth2/token")) {
				return switch (authorizationServer) {
					case UP -> token(request.getBodyAsString());
					case DOWN -> ResponseDefinitionBuilder.responseDefinition()
						.withFault(com.github.tomakehurst.wiremock.http.Fault.CONNECTION_RESET_BY_PEER)
						.build();
					case REFUSING -> ResponseDefinitionBuilder.responseDefinition()
						.withStatus(401)
						.withHeader("Content-Type", "application/json")
						.withBody("{\"error\":\"access_denied\",\"error_description\":\"Unauthorized\"}")
						.build();
				};
			}
			if (request.getMethod().getName().equals("GET") && path.equals("/atlassian-connect/all.js")) {
				return ResponseDefinitionBuilder.responseDefinition()
					.withStatus(200)
					.withHeader("Content-Type", "application/javascript")
					.withHeader("Access-Control-Allow-Origin", "*")
					.withBody(ALL_JS_STAND_IN)
					.build();
			}
			if (request.getMethod().getName().equals("GET") && path.equals("/atlassian-connect/context-token")) {
				return contextToken(request.queryParameter("jwt").firstValue());
			}
			return ResponseDefinitionBuilder.responseDefinition().withStatus(404).build();
		}

		/**
		 * The JWT bearer grant of Connect's act-as-user: the assertion is signed with the
		 * site's secret.
		 */
		private ResponseDefinition token(String form) {
			Map<String, String> parameters = new java.util.HashMap<>();
			for (String pair : form.split("&")) {
				int eq = pair.indexOf('=');
				if (eq > 0) {
					parameters.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
							URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
				}
			}
			try {
				String assertion = parameters.getOrDefault("assertion", "");
				JWTClaimsSet unverified = SignedJWT.parse(assertion).getJWTClaimsSet();
				String clientId = unverified.getIssuer().replace("urn:atlassian:connect:clientid:", "");
				Optional<SimulatedSite> site = sites.values()
					.stream()
					.filter(s -> s.oauthClientId().equals(clientId))
					.findFirst();
				if (site.isEmpty()
						|| !"urn:ietf:params:oauth:grant-type:jwt-bearer".equals(parameters.get("grant_type"))) {
					return oauthError("invalid_grant");
				}
				ConnectJwts.verifyHs256(assertion, site.get().sharedSecret());
				String accountId = unverified.getSubject().replace("urn:atlassian:connect:useraccountid:", "");
				String token = site.get().issueUserToken(accountId);
				return ResponseDefinitionBuilder.responseDefinition()
					.withStatus(200)
					.withHeader("Content-Type", "application/json")
					.withBody("{\"access_token\":\"%s\",\"token_type\":\"Bearer\",\"expires_in\":900}".formatted(token))
					.build();
			}
			catch (java.text.ParseException | IllegalArgumentException | NullPointerException ex) {
				return oauthError("invalid_grant");
			}
		}

		/** A context JWT for the site and user an iframe JWT was issued to. */
		private ResponseDefinition contextToken(String iframeJwt) {
			try {
				JWTClaimsSet unverified = SignedJWT.parse(iframeJwt).getJWTClaimsSet();
				SimulatedSite site = sites.get(unverified.getIssuer());
				if (site == null) {
					return ResponseDefinitionBuilder.responseDefinition().withStatus(401).build();
				}
				JWTClaimsSet claims = ConnectJwts.verifyHs256(iframeJwt, site.sharedSecret());
				return ResponseDefinitionBuilder.responseDefinition()
					.withStatus(200)
					.withHeader("Content-Type", "text/plain")
					.withHeader("Access-Control-Allow-Origin", "*")
					.withBody(site.contextJwt(claims.getSubject()))
					.build();
			}
			catch (java.text.ParseException | IllegalArgumentException ex) {
				return ResponseDefinitionBuilder.responseDefinition()
					.withStatus(401)
					.withHeader("Access-Control-Allow-Origin", "*")
					.build();
			}
		}

		private ResponseDefinition oauthError(String error) {
			return ResponseDefinitionBuilder.responseDefinition()
				.withStatus(400)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"error\":\"%s\"}".formatted(error))
				.build();
		}

	}

}

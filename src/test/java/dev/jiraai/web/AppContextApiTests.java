package dev.jiraai.web;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Date;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jiraai.support.AppTestSupport;
import dev.jiraai.support.ConnectJwts;
import dev.jiraai.support.SimulatedSite;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /api/context}, the bootstrap API, through both authentication paths: a
 * Connect context JWT from an iframe and a Forge Invocation Token from Custom UI.
 */
class AppContextApiTests extends AppTestSupport {

	private static final ObjectMapper json = new ObjectMapper();

	private static SimulatedSite site;

	private static String alice;

	@BeforeEach
	void install() {
		if (site == null) {
			site = installedSite("context");
			alice = site.user("Alice");
		}
	}

	@Test
	void answersConnectContextJwtWithSiteUserAndFeatures() throws Exception {
		HttpResponse<String> response = get("/api/context", "JWT " + site.contextJwt(alice));

		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode body = json.readTree(response.body());
		assertThat(body.path("siteUrl").asText()).isEqualTo(site.baseUrl());
		assertThat(body.path("accountId").asText()).isEqualTo(alice);
		assertThat(body.path("productType").asText()).isEqualTo("jira");
		assertThat(body.path("features").has("assess")).isTrue();
		assertThat(body.path("llmConfigured").asBoolean(false)).as("the test default key is configured").isTrue();
	}

	@Test
	void answersForgeInvocationTokenWithTheSameShape() throws Exception {
		String bob = site.user("Bob");
		HttpResponse<String> response = get("/api/context", "Bearer " + site.forgeInvocationToken(bob));

		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		JsonNode body = json.readTree(response.body());
		assertThat(body.path("siteUrl").asText()).isEqualTo(site.baseUrl());
		assertThat(body.path("accountId").asText()).isEqualTo(bob);
		assertThat(body.path("productType").asText()).isEqualTo("jira");
	}

	@Test
	void acceptsAConnectJwtBoundToTheExactRequest() {
		String token = site.contextJwt(alice, claims -> claims.claim("qsh", ConnectJwts.qsh("GET", "/api/context")));

		assertThat(get("/api/context", "JWT " + token).statusCode()).isEqualTo(200);
	}

	@Test
	void downloadsTheForgeKeySetOnceForManyCalls() {
		// Other tests start application contexts of their own, each fetching the key set
		// once: only what this one fetches counts.
		int before = jira.jwksFetches();
		get("/api/context", "Bearer " + site.forgeInvocationToken(alice));
		int fetches = jira.jwksFetches();

		for (int i = 0; i < 20; i++) {
			assertThat(get("/api/context", "Bearer " + site.forgeInvocationToken(alice)).statusCode()).isEqualTo(200);
		}

		assertThat(jira.jwksFetches()).isEqualTo(fetches);
		assertThat(fetches - before).isLessThanOrEqualTo(1);
	}

	@Test
	void keepsEachSiteToItself() throws Exception {
		SimulatedSite other = installedSite("context-other");
		String carol = other.user("Carol");

		JsonNode body = json.readTree(get("/api/context", "JWT " + other.contextJwt(carol)).body());

		assertThat(body.path("siteUrl").asText()).isEqualTo(other.baseUrl()).isNotEqualTo(site.baseUrl());
		assertThat(get("/api/context",
				"JWT " + ConnectJwts.hs256(site.sharedSecret(), other.clientKey(),
						claims -> claims.subject(carol).claim("qsh", ConnectJwts.CONTEXT_QSH)))
			.statusCode()).as("a token of one site signed with another site's secret").isEqualTo(401);
	}

	@Nested
	class RefusesConnectJwt {

		@Test
		void missing() {
			assertThat(get("/api/context", null).statusCode()).isEqualTo(401);
		}

		@Test
		void malformed() {
			assertThat(get("/api/context", "JWT not.a.jwt").statusCode()).isEqualTo(401);
		}

		@Test
		void withoutQshClaim() {
			String token = site.contextJwt(alice, claims -> claims.claim("qsh", null));
			HttpResponse<String> response = get("/api/context", "JWT " + token);

			assertThat(response.statusCode()).isEqualTo(401);
			assertThat(response.body()).contains("qsh");
		}

		@Test
		void withQshOfAnotherRequest() {
			String token = site.contextJwt(alice, claims -> claims.claim("qsh", ConnectJwts.qsh("GET", "/other")));
			assertThat(get("/api/context", "JWT " + token).statusCode()).isEqualTo(401);
		}

		@Test
		void expired() {
			String token = site.contextJwt(alice, claims -> claims.issueTime(Date.from(Instant.now().minusSeconds(600)))
				.expirationTime(Date.from(Instant.now().minusSeconds(300))));
			assertThat(get("/api/context", "JWT " + token).statusCode()).isEqualTo(401);
		}

		@Test
		void signedWithTheWrongSecret() {
			String token = ConnectJwts.hs256("x".repeat(64), site.clientKey(),
					claims -> claims.subject(alice).claim("qsh", ConnectJwts.CONTEXT_QSH));
			assertThat(get("/api/context", "JWT " + token).statusCode()).isEqualTo(401);
		}

		@Test
		void unsigned() {
			String[] parts = site.contextJwt(alice).split("\\.");
			String unsigned = java.util.Base64.getUrlEncoder()
				.withoutPadding()
				.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes()) + "." + parts[1] + ".";
			assertThat(get("/api/context", "JWT " + unsigned).statusCode()).isEqualTo(401);
		}

		@Test
		void ofAnUnknownSite() {
			String token = ConnectJwts.hs256(site.sharedSecret(), "jira:unknown-site",
					claims -> claims.subject(alice).claim("qsh", ConnectJwts.CONTEXT_QSH));
			assertThat(get("/api/context", "JWT " + token).statusCode()).isEqualTo(401);
		}

	}

	@Nested
	class RefusesForgeInvocationToken {

		@Test
		void expired() {
			String token = site.forgeInvocationToken(alice,
					claims -> claims.issueTime(Date.from(Instant.now().minusSeconds(600)))
						.notBeforeTime(Date.from(Instant.now().minusSeconds(600)))
						.expirationTime(Date.from(Instant.now().minusSeconds(300))));
			assertThat(get("/api/context", "Bearer " + token).statusCode()).isEqualTo(401);
		}

		@Test
		void withoutExpiry() {
			String token = site.forgeInvocationToken(alice, claims -> claims.expirationTime(null));
			assertThat(get("/api/context", "Bearer " + token).statusCode()).isEqualTo(401);
		}

		@Test
		void forAnotherApp() {
			String token = site.forgeInvocationToken(alice,
					claims -> claims.audience("ari:cloud:ecosystem::app/someone-else"));
			assertThat(get("/api/context", "Bearer " + token).statusCode()).isEqualTo(401);
		}

		@Test
		void fromAnotherIssuer() {
			String token = site.forgeInvocationToken(alice, claims -> claims.issuer("forge/something-else"));
			assertThat(get("/api/context", "Bearer " + token).statusCode()).isEqualTo(401);
		}

		@Test
		void signedByAnUnknownKey() {
			var rogue = new com.nimbusds.jose.jwk.gen.RSAKeyGenerator(2048);
			try {
				var key = rogue.keyID("rogue").generate();
				String token = ConnectJwts.rs256(key.toRSAPrivateKey(), "rogue",
						com.nimbusds.jwt.SignedJWT.parse(site.forgeInvocationToken(alice)).getJWTClaimsSet());
				assertThat(get("/api/context", "Bearer " + token).statusCode()).isEqualTo(401);
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		}

		@Test
		void ofAnInstallationWithoutSite() {
			String token = site.forgeInvocationToken(alice, claims -> claims.claim("app",
					java.util.Map.of("id", "x", "installationId", "ari:cloud:ecosystem::installation/unknown")));
			assertThat(get("/api/context", "Bearer " + token).statusCode()).isEqualTo(401);
		}

		@Test
		void garbage() {
			assertThat(get("/api/context", "Bearer garbage").statusCode()).isEqualTo(401);
		}

	}

}

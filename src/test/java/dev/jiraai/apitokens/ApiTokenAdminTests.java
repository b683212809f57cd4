package dev.jiraai.apitokens;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import com.atlassian.connect.spring.AtlassianHost;
import com.atlassian.connect.spring.AtlassianHostRepository;
import com.fasterxml.jackson.databind.JsonNode;
import dev.jiraai.support.SimulatedSite;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a Jira admin does with the site's tokens, and that every {@code /api/admin/**}
 * endpoint, found from Spring's mappings so a new one is covered too, refuses a user Jira
 * does not call an administrator.
 */
class ApiTokenAdminTests extends ApiTokenTestSupport {

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	@Autowired
	AtlassianHostRepository hosts;

	@Test
	void everyAdminEndpointRefusesANonAdminBeforeReadingTheRequest() throws Exception {
		List<String> checked = new ArrayList<>();
		this.mappings.getHandlerMethods().forEach((info, handler) -> {
			for (String pattern : info.getPatternValues()) {
				if (!pattern.startsWith("/api/admin/")) {
					continue;
				}
				String path = pattern.replaceAll("\\{[^}]+}", "00000000-0000-0000-0000-000000000000");
				for (RequestMethod method : info.getMethodsCondition().getMethods()) {
					String body = (method == RequestMethod.GET || method == RequestMethod.DELETE) ? null : "{}";
					try {
						JsonNode refused = problem(call(method.name(), path, jwt(this.site, this.bob), body), 403,
								"not-site-admin");
						assertThat(refused.path("detail").asText()).contains("Jira administrator");
						HttpResponse<String> admin = call(method.name(), path, jwt(this.site, this.alice), body);
						assertThat(admin.statusCode()).as("%s %s as an admin: %s", method, path, admin.body())
							.isNotIn(401, 403);
					}
					catch (Exception ex) {
						throw new AssertionError(ex);
					}
					checked.add(method + " " + pattern);
				}
			}
		});

		assertThat(checked).contains("GET /api/admin/tokens", "DELETE /api/admin/tokens/{tokenId}",
				"PUT /api/admin/token-settings");
		assertThat(this.site.calls("GET", "/rest/api/3/mypermissions"))
			.anySatisfy(call -> assertThat(call.caller()).isEqualTo(this.bob))
			.allSatisfy(call -> assertThat(call.query().get("permissions")).containsExactly("ADMINISTER"));
		// One question to Jira per user: the answer is kept for a minute.
		assertThat(this.site.calls("GET", "/rest/api/3/mypermissions")).hasSize(2);
	}

	@Test
	void aUserWhoBecomesAnAdminInJiraIsOne() throws Exception {
		String carol = this.site.user("Carol");
		this.site.administrator(carol, false);
		problem(get("/api/admin/tokens", jwt(this.site, carol)), 403, "not-site-admin");
		SimulatedSite fresh = installedSite("token-admin-later");
		String carolThere = fresh.user("Carol");

		assertThat(get("/api/admin/tokens", jwt(fresh, carolThere)).statusCode()).isEqualTo(200);
	}

	@Test
	void anAdminListsAndRevokesAnyTokenOfTheSiteAndNoneOfAnother() throws Exception {
		JsonNode bobs = create(this.site, this.bob, CHAT_ONLY);
		create(this.site, this.alice, CHAT_ONLY);
		SimulatedSite other = installedSite("token-admin-other");
		JsonNode elsewhere = create(other, other.user("Bob"), CHAT_ONLY);

		JsonNode all = json.readTree(get("/api/admin/tokens", jwt(this.site, this.alice)).body());
		assertThat(all.path("tokens")).hasSize(2)
			.extracting(token -> token.path("accountId").asText())
			.containsExactlyInAnyOrder(this.alice, this.bob);
		assertThat(all.toString()).doesNotContain(bobs.path("token").asText().substring(16));

		problem(call("DELETE", "/api/admin/tokens/" + elsewhere.path("id").asText(), jwt(this.site, this.alice), null),
				404, "api-token-not-found");
		assertThat(call("DELETE", "/api/admin/tokens/" + bobs.path("id").asText(), jwt(this.site, this.alice), null)
			.statusCode()).isEqualTo(204);

		problem(get("/api/chat/result/00000000-0000-0000-0000-000000000000", bearer(bobs.path("token").asText())), 401,
				"api-token-invalid");
		JsonNode his = json.readTree(get("/api/tokens", jwt(this.site, this.bob)).body()).at("/tokens/0");
		assertThat(his.path("revokedBy").asText()).isEqualTo(this.alice);
		assertThat(audit(this.site)).contains("token-revoked " + bobs.path("prefix").asText() + " " + this.alice);
		assertThat(
				get("/api/chat/result/00000000-0000-0000-0000-000000000000", bearer(elsewhere.path("token").asText()))
					.statusCode())
			.as("the other site's token")
			.isEqualTo(404);
	}

	@Test
	void aSiteWithoutConnectUserImpersonationGetsNoTokens() throws Exception {
		String token = create(this.site, this.alice, CHAT_ONLY).path("token").asText();
		AtlassianHost host = this.hosts.findById(this.site.clientKey()).orElseThrow();
		String clientId = host.getOauthClientId();
		host.setOauthClientId(null);
		this.hosts.save(host);
		try {
			problem(post("/api/tokens", jwt(this.site, this.alice), CHAT_ONLY, "application/json"), 403,
					"api-tokens-connect-only");
			problem(get("/api/chat/result/00000000-0000-0000-0000-000000000000", bearer(token)), 403,
					"api-tokens-connect-only");
		}
		finally {
			host.setOauthClientId(clientId);
			this.hosts.save(host);
		}
	}

	@Test
	void creationIsValidated() throws Exception {
		for (String body : List.of("{\"name\": \"\", \"expiresInDays\": 3, \"scopes\": [\"chat\"]}",
				"{\"name\": \"%s\", \"expiresInDays\": 3, \"scopes\": [\"chat\"]}".formatted("n".repeat(101)),
				"{\"name\": \"x\", \"expiresInDays\": 0, \"scopes\": [\"chat\"]}",
				"{\"name\": \"x\", \"expiresInDays\": 366, \"scopes\": [\"chat\"]}",
				"{\"name\": \"x\", \"expiresInDays\": 3, \"scopes\": []}",
				"{\"name\": \"x\", \"expiresInDays\": 3, \"scopes\": [\"admin\"]}")) {
			HttpResponse<String> refused = post("/api/tokens", jwt(this.site, this.alice), body, "application/json");
			assertThat(refused.statusCode()).as(body + " " + refused.body()).isEqualTo(400);
		}
		assertThat(json.readTree(get("/api/tokens", jwt(this.site, this.alice)).body()).path("tokens")).isEmpty();
	}

}

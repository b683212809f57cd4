package dev.jiraai.admin;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jiraai.support.AppTestSupport;
import dev.jiraai.support.SimulatedSite;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin API through the real app, on a site of its own per test where Alice is a Jira
 * admin and Bob is not.
 */
abstract class AdminTestSupport extends AppTestSupport {

	static final ObjectMapper json = new ObjectMapper();

	@Autowired
	JdbcClient jdbc;

	/**
	 * A site of the test's own (named by {@link #siteName()}), installed before each
	 * test.
	 */
	SimulatedSite site;

	/** Alice, a Jira admin of the site. */
	String alice;

	/** Bob, who is not. */
	String bob;

	/** The name the test's sites start with. */
	String siteName() {
		return "admin";
	}

	@BeforeEach
	void installSiteWithAnAdminAndAUser() {
		this.site = installedSite(siteName());
		this.alice = this.site.user("Alice");
		this.bob = this.site.user("Bob");
	}

	String asAlice() {
		return jwt(this.site, this.alice);
	}

	/**
	 * A call as Alice, the site's admin; the answer's body must be JSON of that status.
	 */
	JsonNode admin(String method, String path, String body, int status) throws Exception {
		HttpResponse<String> response = call(method, path, asAlice(), body);
		assertThat(response.statusCode()).as("%s %s: %s", method, path, response.body()).isEqualTo(status);
		return json.readTree(response.body());
	}

	/** A GET as Alice, the admin, answered 200; its JSON. */
	JsonNode asAdmin(String pathAndQuery) throws Exception {
		return admin("GET", pathAndQuery, null, 200);
	}

	static HttpResponse<String> call(String method, String path, String authorization, String body) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(appBaseUrl() + path))
			.header("Accept", "application/json")
			.header("Authorization", authorization)
			.method(method,
					body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
		if (body != null) {
			request.header("Content-Type", "application/json");
		}
		return send(request.build());
	}

	/** The display name the simulated Jira has for the account. */
	String displayName(String accountId) {
		return this.site.data()
			.users()
			.stream()
			.filter(user -> user.path("accountId").asText().equals(accountId))
			.map(user -> user.path("displayName").asText())
			.findFirst()
			.orElseThrow();
	}

}

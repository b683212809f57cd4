package dev.jiraai.admin;

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
 * Admin views through the real API, on a site of their own per test where Alice is a Jira
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

	abstract String siteName();

	@BeforeEach
	void installSiteWithAnAdminAndAUser() {
		this.site = installedSite(siteName());
		this.alice = this.site.user("Alice");
		this.bob = this.site.user("Bob");
	}

	/** A GET as Alice, the admin, answered 200; its JSON. */
	JsonNode asAdmin(String pathAndQuery) throws Exception {
		HttpResponse<String> response = get(pathAndQuery, jwt(this.site, this.alice));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return json.readTree(response.body());
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

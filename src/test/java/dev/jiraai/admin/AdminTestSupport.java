package dev.jiraai.admin;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jiraai.support.AppTestSupport;
import dev.jiraai.support.SimulatedSite;
import org.junit.jupiter.api.BeforeEach;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin API through the real app: a site of its own per test, where Alice is a Jira
 * admin and Bob is not.
 */
abstract class AdminTestSupport extends AppTestSupport {

	static final ObjectMapper json = new ObjectMapper();

	SimulatedSite site;

	String alice;

	String bob;

	@BeforeEach
	void installSite() {
		this.site = installedSite("admin");
		this.alice = this.site.user("Alice");
		this.bob = this.site.user("Bob");
	}

	String asAlice() {
		return "JWT " + this.site.contextJwt(this.alice);
	}

	/**
	 * A call as Alice, the site's admin; the answer's body must be JSON of that status.
	 */
	JsonNode admin(String method, String path, String body, int status) throws Exception {
		HttpResponse<String> response = call(method, path, asAlice(), body);
		assertThat(response.statusCode()).as("%s %s: %s", method, path, response.body()).isEqualTo(status);
		return json.readTree(response.body());
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

	/** Asserts the answer is the catalogue's problem of that type; the problem. */
	static JsonNode problem(HttpResponse<String> response, int status, String type) throws Exception {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		JsonNode problem = json.readTree(response.body());
		assertThat(problem.path("type").asText()).isEqualTo("https://jira-ai.dev/problems/" + type);
		return problem;
	}

}

package dev.jiraai.web;

import java.net.http.HttpResponse;

import dev.jiraai.support.AppTestSupport;
import dev.jiraai.support.ConnectJwts;
import dev.jiraai.support.SimulatedSite;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Connect module pages Jira loads in iframes: served only with an iframe JWT bound to
 * the page URL, with Jira's {@code all.js}, the frontend's assets and a
 * Content-Security-Policy that lets only the installing site frame them.
 */
class ConnectPageTests extends AppTestSupport {

	private static SimulatedSite site;

	@BeforeEach
	void install() {
		if (site == null) {
			site = installedSite("pages");
		}
	}

	private HttpResponse<String> page(String pathAndQuery, String jwtQsh) {
		String jwt = ConnectJwts.hs256(site.sharedSecret(), site.clientKey(),
				claims -> claims.subject(site.user("Alice")).claim("qsh", jwtQsh));
		String separator = pathAndQuery.contains("?") ? "&" : "?";
		return get(pathAndQuery + separator + "jwt=" + jwt, null);
	}

	@Test
	void servesEveryModulePageWithAllJsAndAssets() {
		for (String surface : new String[] { "issue-panel", "issue-glance", "draft", "assistant", "admin" }) {
			String path = "/connect/" + surface + "?issueKey=SCRUM-1&projectKey=SCRUM";
			HttpResponse<String> response = page(path, ConnectJwts.qsh("GET", path));

			assertThat(response.statusCode()).as(surface).isEqualTo(200);
			assertThat(response.headers().firstValue("Content-Type"))
				.hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
			assertThat(response.body()).contains("<base href=\"/ui/\">")
				.contains("<script src=\"" + jira.allJsUrl() + "\"")
				.contains("./assets/")
				.doesNotContain("<!-- connect-all-js -->");
		}
	}

	@Test
	void letsOnlyTheSigningSiteFrameThePage() {
		String path = "/connect/issue-panel?issueKey=SCRUM-1&projectKey=SCRUM";
		HttpResponse<String> response = page(path, ConnectJwts.qsh("GET", path));

		String csp = response.headers().firstValue("Content-Security-Policy").orElseThrow();
		assertThat(csp).contains("frame-ancestors " + site.baseUrl())
			.contains("img-src 'self' data:")
			.contains("object-src 'none'")
			.doesNotContain("unsafe-eval");
		assertThat(response.headers().firstValue("X-Frame-Options")).isEmpty();
	}

	@Test
	void refusesAnIframeJwtBoundToAnotherUrl() {
		String path = "/connect/issue-panel?issueKey=SCRUM-1&projectKey=SCRUM";
		String other = "/connect/issue-panel?issueKey=OPS-1&projectKey=OPS";

		assertThat(page(path, ConnectJwts.qsh("GET", other)).statusCode()).isEqualTo(401);
	}

	@Test
	void refusesAContextJwtOnAPage() {
		String path = "/connect/admin";

		assertThat(page(path, ConnectJwts.CONTEXT_QSH).statusCode()).isEqualTo(401);
	}

	@Test
	void answersNotFoundForAnUnknownSurface() {
		String path = "/connect/nope";

		assertThat(page(path, ConnectJwts.qsh("GET", path)).statusCode()).isEqualTo(404);
	}

}

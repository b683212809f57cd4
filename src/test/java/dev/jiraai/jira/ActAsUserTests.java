package dev.jiraai.jira;

import java.net.http.HttpResponse;

import dev.jiraai.support.AppTestSupport;
import dev.jiraai.support.JiraCloudSimulator;
import dev.jiraai.support.SimulatedSite;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Connect's act-as-user fails closed: when Atlassian's authorization server cannot be
 * reached or refuses the grant, the user gets a clear 503 and nothing is done in Jira,
 * least of all as the app instead.
 */
class ActAsUserTests extends AppTestSupport {

	@Autowired
	JiraIssues issues;

	@AfterEach
	void authorizationServerBack() {
		jira.authorizationServer(JiraCloudSimulator.AuthorizationServer.UP);
	}

	@ParameterizedTest
	@EnumSource(names = { "DOWN", "REFUSING" })
	void aJiraCallAsTheUserIsRefusedAndNothingIsSent(JiraCloudSimulator.AuthorizationServer mode) {
		SimulatedSite site = installedSite("act-as-user-" + mode.name().toLowerCase());
		jira.authorizationServer(mode);

		assertThatExceptionOfType(JiraException.UserAuthorizationUnavailable.class).isThrownBy(
				() -> this.issues.get(JiraIdentity.of(connectUser(site, site.user("Alice"))), IssueKey.of("SCRUM-1")));
		assertThat(site.calls()).isEmpty();
	}

	@ParameterizedTest
	@EnumSource(names = { "DOWN", "REFUSING" })
	void theUserGetsA503ThatSaysWhatToDo(JiraCloudSimulator.AuthorizationServer mode) {
		SimulatedSite site = installedSite("act-as-user-api-" + mode.name().toLowerCase());
		jira.authorizationServer(mode);

		HttpResponse<String> response = post("/api/issues/SCRUM-1/assessments",
				"JWT " + site.contextJwt(site.user("Alice")), null, "application/json");

		assertThat(response.statusCode()).isEqualTo(503);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
		assertThat(response.body()).contains("https://jira-ai.dev/problems/jira-user-authorization-unavailable")
			.contains("Try again in a few minutes")
			.doesNotContain("Exception");
		assertThat(site.calls()).isEmpty();
		assertThat(openAi.requests()).isEmpty();
	}

}

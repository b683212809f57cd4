package dev.jiraai.web;

import java.net.http.HttpResponse;

import dev.jiraai.assess.AssessTestData;
import dev.jiraai.support.AppTestSupport;
import dev.jiraai.support.SimulatedSite;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operator scrapes metrics with their token and nobody else gets them; the metrics
 * say how Jira and the model answer, by operation, feature and outcome, and never carry a
 * site, a user, a prompt or an answer; nor do the logs.
 */
class MetricsEndpointTests extends AppTestSupport {

	@Test
	void theScrapeNeedsTheOperatorsToken() {
		HttpResponse<String> none = get("/actuator/prometheus", null);
		HttpResponse<String> wrong = get("/actuator/prometheus", "Bearer not-the-token");
		SimulatedSite site = installedSite("metrics-auth");
		HttpResponse<String> jiraUser = get("/actuator/prometheus", "JWT " + site.contextJwt(site.user("Alice")));

		for (HttpResponse<String> refused : java.util.List.of(none, wrong, jiraUser)) {
			assertThat(refused.statusCode()).isEqualTo(401);
			assertThat(refused.headers().firstValue("WWW-Authenticate"))
				.hasValueSatisfying(value -> assertThat(value).startsWith("Bearer"));
			assertThat(refused.body()).contains("unauthenticated")
				.doesNotContain(METRICS_TOKEN)
				.doesNotContain("# TYPE");
		}
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void afterAnAssessmentTheScrapeShowsJiraAndModelCallsAndNothingOfTheContent(CapturedOutput logs) {
		SimulatedSite site = installedSite("metrics");
		String alice = site.user("Alice");
		openAi.reply(AssessTestData.VALID);
		HttpResponse<String> assessed = post("/api/issues/SCRUM-1/assessments", "JWT " + site.contextJwt(alice), null,
				"application/json");
		assertThat(assessed.statusCode()).as(assessed.body()).isEqualTo(200);

		HttpResponse<String> scrape = get("/actuator/prometheus", "Bearer " + METRICS_TOKEN);

		assertThat(scrape.statusCode()).isEqualTo(200);
		assertThat(scrape.headers().firstValue("Content-Type"))
			.hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
		String metrics = scrape.body();
		assertThat(metrics).contains("jira_calls_seconds_count{operation=\"get issue\",status=\"200\"}")
			.containsPattern("ai_model_calls_seconds_count\\{[^}]*feature=\"assess\"[^}]*outcome=\"ok\"")
			.containsPattern("ai_tokens_total\\{[^}]*type=\"completion\"")
			.contains("ai_tasks_running");
		assertThat(metrics).as("no site, user, issue text, prompt or answer in metrics")
			.doesNotContain(site.clientKey())
			.doesNotContain(alice)
			.doesNotContain("Let customers save a card")
			.doesNotContain("untrusted_data")
			.doesNotContain("Given a saved card")
			.doesNotContain(DEFAULT_API_KEY);
		assertThat(logs.getAll()).as("no issue text, prompt, answer or key in the logs of the assessment")
			.doesNotContain("Let customers save a card")
			.doesNotContain("untrusted_data")
			.doesNotContain("Given a saved card")
			.doesNotContain(DEFAULT_API_KEY)
			.doesNotContain(METRICS_TOKEN);
	}

}

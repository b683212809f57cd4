package dev.jiraai.jira;

import java.time.Duration;

import dev.jiraai.jira.payload.NewIssue;
import dev.jiraai.support.AppTestSupport;
import dev.jiraai.support.JiraFault;
import dev.jiraai.support.SimulatedSite;
import dev.jiraai.tenancy.SiteUser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Rate limits and outages: what is waited out, what is retried, and what is reported.
 */
class JiraResilienceTests extends AppTestSupport {

	@Autowired
	JiraIssues issues;

	@Autowired
	JiraUsers users;

	private SimulatedSite site;

	private SiteUser alice;

	@BeforeEach
	void install() {
		this.site = installedSite("resilience");
		this.alice = connectUser(this.site, this.site.user("Alice"));
	}

	@Test
	void waitsOutRetryAfter() {
		this.site.inject(JiraFault.rateLimited("GET", "/rest/api/3/issue/SCRUM-1", 2));

		long started = System.nanoTime();
		assertThat(this.issues.get(JiraIdentity.of(this.alice), IssueKey.of("SCRUM-1")).key()).isEqualTo("SCRUM-1");
		Duration waited = Duration.ofNanos(System.nanoTime() - started);

		assertThat(this.site.calls("GET", "/rest/api/3/issue/SCRUM-1")).extracting(call -> call.status())
			.containsExactly(429, 200);
		assertThat(waited).as("time between the 429 and the retry, on the test's clock")
			.isGreaterThanOrEqualTo(Duration.ofSeconds(2));
	}

	@Test
	void reportsARateLimitTooLongToWaitWithJirasWait() {
		this.site.inject(JiraFault.rateLimited("GET", "/rest/api/3/myself", 120));

		assertThatExceptionOfType(JiraException.RateLimited.class)
			.isThrownBy(() -> this.users.myself(JiraIdentity.of(this.alice)))
			.satisfies(ex -> assertThat(ex.retryAfter()).isEqualTo(Duration.ofSeconds(120)));
		assertThat(this.site.calls("GET", "/rest/api/3/myself")).hasSize(1);
	}

	@Test
	void retriesServiceUnavailableAndServerErrorsOnReads() {
		this.site.inject(JiraFault.status("GET", "/rest/api/3/myself", 503))
			.inject(JiraFault.status("GET", "/rest/api/3/myself", 502));

		assertThat(this.users.myself(JiraIdentity.of(this.alice)).displayName()).isEqualTo("Alice Analyst");
		assertThat(this.site.calls("GET", "/rest/api/3/myself")).extracting(call -> call.status())
			.containsExactly(503, 502, 200);
	}

	@Test
	void givesUpAfterTheConfiguredAttempts() {
		this.site.inject(JiraFault.status("GET", "/rest/api/3/myself", 500).times(10));

		assertThatExceptionOfType(JiraException.Unavailable.class)
			.isThrownBy(() -> this.users.myself(JiraIdentity.of(this.alice)));
		assertThat(this.site.calls("GET", "/rest/api/3/myself")).hasSize(4);
	}

	@Test
	void retriesAReadAfterAConnectionReset() {
		this.site.inject(JiraFault.connectionReset("GET", "/rest/api/3/myself"));

		assertThat(this.users.myself(JiraIdentity.of(this.alice)).displayName()).isEqualTo("Alice Analyst");
	}

	@Test
	void aServerErrorAfterACreateIsLookedUpNeverSentAgain() {
		this.site.inject(JiraFault.status("POST", "/rest/api/3/issue", 500));
		int before = this.site.data().issues().size();

		assertThatExceptionOfType(JiraException.OutcomeUnknown.class)
			.isThrownBy(
					() -> this.issues
						.create(this.alice,
								new NewIssue(ProjectKey.of("SCRUM"), "Task", "After 500", null, null, null, null, null,
										null, null)))
			.withMessageContaining("may have carried out 'create issue'");
		assertThat(this.site.data().issues()).hasSize(before);
		assertThat(this.site.calls()).filteredOn(call -> call.method().equals("POST"))
			.extracting(call -> call.path() + " " + call.status())
			.startsWith("/rest/api/3/issue 500", "/rest/api/3/search/jql 200")
			.containsOnlyOnce("/rest/api/3/issue 500")
			.doesNotContain("/rest/api/3/issue 201");
	}

	@Test
	void mapsClientErrorsToTypedErrorsWithJirasMessages() {
		assertThatExceptionOfType(JiraException.NotFound.class)
			.isThrownBy(() -> this.issues.get(JiraIdentity.of(this.alice), IssueKey.of("SCRUM-999")))
			.satisfies(ex -> assertThat(ex.getMessage()).contains("does not exist"));
	}

}

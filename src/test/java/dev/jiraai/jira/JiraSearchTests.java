package dev.jiraai.jira;

import java.util.List;
import java.util.Optional;

import dev.jiraai.jira.payload.IssueSummary;
import dev.jiraai.jira.payload.SearchPage;
import dev.jiraai.support.AppTestSupport;
import dev.jiraai.support.SimulatedSite;
import dev.jiraai.tenancy.SiteUser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link JiraSearch}: the enhanced JQL search with {@code nextPageToken} paging and
 * explicit fields, as the user.
 */
class JiraSearchTests extends AppTestSupport {

	@Autowired
	JiraSearch search;

	private SimulatedSite site;

	private SiteUser alice;

	@BeforeEach
	void install() {
		this.site = installedSite("search");
		this.alice = connectUser(this.site, this.site.user("Alice"));
	}

	@Test
	void pagesThroughResultsWithNextPageToken() {
		SearchPage first = this.search.search(JiraIdentity.of(this.alice), "project = SCRUM ORDER BY created ASC", 2,
				null);

		assertThat(first.issues()).hasSize(2);
		assertThat(first.nextPageToken()).isNotNull();
		SearchPage second = this.search.search(JiraIdentity.of(this.alice), "project = SCRUM ORDER BY created ASC", 2,
				first.nextPageToken());
		assertThat(second.issues()).extracting(IssueSummary::key)
			.doesNotContainAnyElementsOf(first.issues().stream().map(IssueSummary::key).toList());
		assertThat(this.search.searchAll(JiraIdentity.of(this.alice), "project = SCRUM", 100))
			.hasSizeGreaterThanOrEqualTo(first.issues().size() + second.issues().size());
		assertThat(this.site.calls()).filteredOn(call -> call.path().startsWith("/rest/api/3/search"))
			.allSatisfy(call -> {
				assertThat(call.path()).isEqualTo("/rest/api/3/search/jql");
				assertThat(call.body()).contains("\"fields\"").contains("summary");
			});
	}

	@Test
	void returnsTypedSummaries() {
		List<IssueSummary> found = this.search.searchAll(JiraIdentity.of(this.alice), "key = SCRUM-2", 10);

		assertThat(found).singleElement().satisfies(issue -> {
			assertThat(issue.summary()).contains("Safari");
			assertThat(issue.status().name()).isEqualTo("In Progress");
			assertThat(issue.status().category()).isEqualTo("indeterminate");
			assertThat(issue.issueType()).isEqualTo("Bug");
			assertThat(issue.priority()).isEqualTo("High");
			assertThat(issue.assignee().displayName()).isEqualTo("Alice Analyst");
		});
	}

	@Test
	void findsMyIssuesOptionallyByStatus() {
		assertThat(this.search.myIssues(this.alice, Optional.empty(), 50)).extracting(IssueSummary::key)
			.contains("SCRUM-2")
			.doesNotContain("SCRUM-1");
		assertThat(this.search.myIssues(this.alice, Optional.of("To Do"), 50)).extracting(IssueSummary::key)
			.doesNotContain("SCRUM-2");
		assertThat(this.search.myIssues(this.alice, Optional.of("In Progress"), 50)).extracting(IssueSummary::key)
			.contains("SCRUM-2");
	}

	@Test
	void quotesUserInputInJql() {
		assertThat(JiraSearch.quote("Done\" OR project = OPS")).isEqualTo("\"Done\\\" OR project = OPS\"");
		// The whole input stays one status value, which Jira reports as unknown instead
		// of running it as JQL.
		assertThatExceptionOfType(JiraException.Rejected.class)
			.isThrownBy(() -> this.search.myIssues(this.alice, Optional.of("Done\" OR project = \"OPS"), 50))
			.satisfies(ex -> assertThat(ex.jiraMessages())
				.anySatisfy(message -> assertThat(message).contains("Done\" OR project = \"OPS")));
	}

	@Test
	void reportsInvalidJqlWithJirasMessage() {
		assertThatExceptionOfType(JiraException.Rejected.class)
			.isThrownBy(() -> this.search.search(JiraIdentity.of(this.alice), "project = = SCRUM", 10, null))
			.satisfies(ex -> assertThat(ex.jiraMessages()).anySatisfy(m -> assertThat(m).contains("JQL")));
	}

	@Test
	void onlyFindsWhatTheUserMaySee() {
		this.site.deny(this.alice.accountId(), "BROWSE_PROJECTS", "OPS");

		String everything = "created >= \"2020-01-01\" ORDER BY created ASC";
		assertThat(this.search.searchAll(JiraIdentity.of(this.alice), everything, 100)).extracting(IssueSummary::key)
			.isNotEmpty()
			.noneMatch(key -> key.startsWith("OPS-"));
		assertThat(this.search.searchAll(JiraIdentity.app(site(this.site)), everything, 100))
			.extracting(IssueSummary::key)
			.anyMatch(key -> key.startsWith("OPS-"));
	}

}

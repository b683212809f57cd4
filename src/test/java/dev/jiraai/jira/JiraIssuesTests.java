package dev.jiraai.jira;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jiraai.contracts.ContractSchemas;
import dev.jiraai.jira.payload.CreatedIssue;
import dev.jiraai.jira.payload.IssueEdit;
import dev.jiraai.jira.payload.JiraIssue;
import dev.jiraai.jira.payload.NewIssue;
import dev.jiraai.support.AppTestSupport;
import dev.jiraai.support.JiraFault;
import dev.jiraai.support.SimulatedSite;
import dev.jiraai.tenancy.SiteUser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link JiraIssues} against the simulated site: reading an issue in its context,
 * creating (validated first, and exactly once), editing and entity properties.
 */
class JiraIssuesTests extends AppTestSupport {

	@Autowired
	JiraIssues issues;

	private SimulatedSite site;

	private SiteUser alice;

	@BeforeEach
	void install() {
		this.site = installedSite("issues");
		this.alice = connectUser(this.site, this.site.user("Alice"));
	}

	private NewIssue story(String summary) {
		return new NewIssue(ProjectKey.of("SCRUM"), "Story", summary,
				"As a user I want **this** so that @[Bob Builder](" + this.site.user("Bob") + ") can ship.", "High",
				List.of("ai drafted"), List.of("Checkout"), null, null, Map.of());
	}

	@Test
	void readsAnIssueWithItsContext() {
		JiraIssue issue = this.issues.get(JiraIdentity.of(this.alice), IssueKey.of("SCRUM-1"));

		assertThat(issue.summary()).isEqualTo("Let customers save a card for faster checkout");
		assertThat(issue.projectKey()).isEqualTo("SCRUM");
		assertThat(issue.issueType().name()).isEqualTo("Story");
		assertThat(issue.status().name()).isEqualTo("To Do");
		assertThat(issue.priority().name()).isEqualTo("Medium");
		assertThat(issue.labels()).containsExactly("checkout", "payments");
		assertThat(issue.components()).containsExactly("Checkout");
		assertThat(issue.assignee().displayName()).isEqualTo("Bob Builder");
		assertThat(issue.reporter().displayName()).isEqualTo("Alice Analyst");
		assertThat(issue.descriptionMarkdown()).contains("save my card").contains("3-D Secure");
		assertThat(issue.updated()).isNotNull();
		assertThat(issue.parent().key()).isEqualTo("SCRUM-10");
		assertThat(issue.subtasks()).extracting("key").contains("SCRUM-11");
		assertThat(issue.links()).anySatisfy(link -> {
			assertThat(link.relation()).isEqualTo("is blocked by");
			assertThat(link.issue().key()).isEqualTo("SCRUM-2");
		});
		assertThat(issue.comments()).singleElement().satisfies(comment -> {
			assertThat(comment.author().displayName()).isEqualTo("Bob Builder");
			assertThat(comment.bodyMarkdown()).contains("tokenisation");
		});
		assertThat(this.site.calls()).last()
			.satisfies(call -> assertThat(call.caller()).isEqualTo(this.alice.accountId()));
	}

	@Test
	void readsAsTheForgeUserThroughForgesToken() {
		SiteUser bob = forgeUser(this.site, this.site.user("Bob"));

		JiraIssue issue = this.issues.get(JiraIdentity.of(bob), IssueKey.of("SCRUM-2"));

		assertThat(issue.summary()).contains("Safari");
		assertThat(this.site.calls()).last().satisfies(call -> assertThat(call.caller()).isEqualTo(bob.accountId()));
	}

	@Test
	void anIssueTheUserMayNotSeeIsNotFound() {
		this.site.deny(this.alice.accountId(), "BROWSE_PROJECTS", "OPS");

		assertThatExceptionOfType(JiraException.NotFound.class)
			.isThrownBy(() -> this.issues.get(JiraIdentity.of(this.alice), IssueKey.of("OPS-1")))
			.satisfies(ex -> assertThat(ex.jiraMessages()).isNotEmpty());
		assertThat(this.issues.get(JiraIdentity.app(site(this.site)), IssueKey.of("OPS-1")).key()).isEqualTo("OPS-1");
	}

	@Nested
	class Create {

		@Test
		void createsAsTheUserWithAdfAndRequestId() {
			CreatedIssue created = issues.create(alice, story("Save card"));

			assertThat(created.key()).startsWith("SCRUM-");
			assertThat(created.url().toString()).isEqualTo(site.baseUrl() + "/browse/" + created.key());
			JsonNode stored = site.data().issue(created.key()).orElseThrow();
			assertThat(stored.path("summary").asText()).isEqualTo("Save card");
			ContractSchemas.assertValidAdf(stored.path("description"));
			assertThat(stored.path("description").toString()).contains("\"type\":\"mention\"")
				.contains(site.user("Bob"));
			assertThat(stored.path("labels").toString()).contains("ai-drafted");
			assertThat(site.calls("POST", "/rest/api/3/issue")).singleElement()
				.satisfies(call -> assertThat(call.caller()).isEqualTo(alice.accountId()));
		}

		@Test
		void namesMissingRequiredFieldsBeforeSendingAnything() {
			NewIssue bug = new NewIssue(ProjectKey.of("SCRUM"), "Bug", "Safari broken", "Steps...", null, List.of(),
					List.of(), null, null, Map.of());

			assertThatExceptionOfType(IssueNotCreatable.class).isThrownBy(() -> issues.create(alice, bug))
				.satisfies(ex -> assertThat(ex.problems()).singleElement().satisfies(problem -> {
					assertThat(problem.fieldId()).isEqualTo("customfield_10050");
					assertThat(problem.name()).isEqualTo("Environment");
					assertThat(problem.problem()).isEqualTo("is required");
				}))
				.withMessageContaining("Environment");
			assertThat(site.calls("POST", "/rest/api/3/issue")).isEmpty();
		}

		@Test
		void namesValuesThatAreNotAllowedWithTheAllowedOnes() {
			NewIssue task = new NewIssue(ProjectKey.of("OPS"), "Task", "Rotate keys", null, "Urgent", List.of(),
					List.of("Nope"), null, null, Map.of("customfield_10060", "Billing"));

			assertThatExceptionOfType(IssueNotCreatable.class).isThrownBy(() -> issues.create(alice, task))
				.satisfies(ex -> {
					assertThat(ex.problems()).extracting(IssueNotCreatable.Problem::fieldId)
						.containsExactlyInAnyOrder("priority", "components", "customfield_10060");
					assertThat(ex.problems()).filteredOn(p -> p.fieldId().equals("customfield_10060"))
						.singleElement()
						.satisfies(p -> assertThat(p.allowedValues()).containsExactly("Payments", "Search"));
				});
			assertThat(site.calls("POST", "/rest/api/3/issue")).isEmpty();
		}

		@Test
		void fillsOptionFieldsByName() {
			NewIssue task = new NewIssue(ProjectKey.of("OPS"), "Task", "Rotate keys", null, null, List.of(), List.of(),
					null, null, Map.of("customfield_10060", "Payments"));

			CreatedIssue created = issues.create(alice, task);

			assertThat(site.data().issue(created.key()).orElseThrow().toString()).contains("Payments");
		}

		@Test
		void refusesAnUnknownIssueTypeListingTheProjectsTypes() {
			NewIssue initiative = new NewIssue(ProjectKey.of("SCRUM"), "Initiative", "Big", null, null, null, null,
					null, null, null);

			assertThatExceptionOfType(IssueNotCreatable.class).isThrownBy(() -> issues.create(alice, initiative))
				.satisfies(ex -> assertThat(ex.problems().get(0).allowedValues()).contains("Story", "Bug", "Epic"));
		}

		@Test
		void aCreateWhoseResponseIsLostCreatesExactlyOneIssue() {
			int before = issuesIn("SCRUM");
			site.inject(JiraFault.lostResponse("POST", "/rest/api/3/issue"));

			CreatedIssue created = issues.create(alice, story("Lost response"));

			assertThat(issuesIn("SCRUM")).isEqualTo(before + 1);
			assertThat(site.data().issue(created.key()).orElseThrow().path("summary").asText())
				.isEqualTo("Lost response");
			assertThat(site.calls("POST", "/rest/api/3/issue")).hasSize(1);
		}

		@Test
		void aCreateThatFailedWithoutAnswerIsReportedUncertainNeverSentAgain() {
			int before = issuesIn("SCRUM");
			site.inject(JiraFault.connectionReset("POST", "/rest/api/3/issue"));

			assertThatExceptionOfType(JiraException.OutcomeUnknown.class)
				.isThrownBy(() -> issues.create(alice, story("Reset")))
				.satisfies(ex -> assertThat(ex.checkUrl().toString()).startsWith(site.baseUrl() + "/issues/?jql="));
			assertThat(issuesIn("SCRUM")).isEqualTo(before);
			assertThat(site.calls("POST", "/rest/api/3/issue")).hasSize(1);
		}

		@Test
		void aUserWhoMayNotCreateIsRefusedByJira() {
			site.deny(alice.accountId(), "CREATE_ISSUES", "SCRUM");

			// Jira's create metadata offers no issue types to such a user: nothing is
			// sent.
			assertThatExceptionOfType(IssueNotCreatable.class).isThrownBy(() -> issues.create(alice, story("Denied")))
				.withMessageContaining("Story");
			assertThat(site.calls("POST", "/rest/api/3/issue")).isEmpty();
			assertThat(site.data().issues()).noneMatch(issue -> issue.path("summary").asText().equals("Denied"));
		}

		private int issuesIn(String project) {
			return (int) site.data().issues().stream().filter(i -> i.path("project").asText().equals(project)).count();
		}

	}

	@Test
	void editsDescriptionAndLabelsAsTheUser() {
		this.issues.edit(this.alice, IssueKey.of("SCRUM-2"),
				new IssueEdit(null, "## Steps\n1. Open Safari\n2. Click **Pay now**", null, List.of("safari"),
						List.of("checkout"), null, null));

		JsonNode stored = this.site.data().issue("SCRUM-2").orElseThrow();
		ContractSchemas.assertValidAdf(stored.path("description"));
		assertThat(stored.path("description").toString()).contains("orderedList").contains("Open Safari");
		assertThat(stored.path("labels").toString()).contains("safari").doesNotContain("checkout");
		assertThat(this.site.calls("PUT", "/rest/api/3/issue/SCRUM-2")).singleElement()
			.satisfies(call -> assertThat(call.caller()).isEqualTo(this.alice.accountId()));
	}

	@Test
	void aUserWhoMayNotEditIsRefused() {
		this.site.deny(this.alice.accountId(), "EDIT_ISSUES", "SCRUM");

		assertThatExceptionOfType(JiraException.Forbidden.class)
			.isThrownBy(() -> this.issues.edit(this.alice, IssueKey.of("SCRUM-2"), IssueEdit.description("Changed")));
		assertThat(this.site.data().issue("SCRUM-2").orElseThrow().toString()).doesNotContain("Changed");
	}

	@Test
	void setsAndReadsAnEntityProperty() {
		JiraIdentity app = JiraIdentity.app(site(this.site));
		assertThat(this.issues.property(app, IssueKey.of("SCRUM-1"), "com.jiraai.assessment")).isEmpty();

		this.issues.setProperty(app, IssueKey.of("SCRUM-1"), "com.jiraai.assessment",
				Map.of("score", 7, "assessedAt", "2026-11-21"));
		this.issues.setProperty(app, IssueKey.of("SCRUM-1"), "com.jiraai.assessment",
				Map.of("score", 8, "assessedAt", "2026-11-21"));

		assertThat(this.issues.property(JiraIdentity.of(this.alice), IssueKey.of("SCRUM-1"), "com.jiraai.assessment"))
			.hasValueSatisfying(value -> assertThat(value.path("score").asInt()).isEqualTo(8));
	}

}

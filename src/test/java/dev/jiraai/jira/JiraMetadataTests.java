package dev.jiraai.jira;

import dev.jiraai.jira.payload.CreateField;
import dev.jiraai.jira.payload.IssueType;
import dev.jiraai.jira.payload.JiraField;
import dev.jiraai.jira.payload.JiraStatus;
import dev.jiraai.jira.payload.Priority;
import dev.jiraai.jira.payload.Project;
import dev.jiraai.support.AppTestSupport;
import dev.jiraai.support.SimulatedSite;
import dev.jiraai.tenancy.SiteUser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link JiraMetadata}: site metadata cached per site, permission-dependent metadata
 * cached per user.
 */
class JiraMetadataTests extends AppTestSupport {

	@Autowired
	JiraMetadata metadata;

	private SimulatedSite site;

	private SiteUser alice;

	private SiteUser bob;

	@BeforeEach
	void install() {
		this.site = installedSite("metadata");
		this.alice = connectUser(this.site, this.site.user("Alice"));
		this.bob = connectUser(this.site, this.site.user("Bob"));
	}

	private long calls(String path) {
		return this.site.calls().stream().filter(call -> call.path().equals(path)).count();
	}

	@Test
	void siteMetadataIsReadOnceAsTheApp() {
		assertThat(this.metadata.issueTypes(site(this.site))).extracting(IssueType::name)
			.contains("Story", "Bug", "Task", "Epic", "Subtask");
		assertThat(this.metadata.statuses(site(this.site))).extracting(JiraStatus::name)
			.contains("To Do", "In Progress", "Done");
		assertThat(this.metadata.fields(site(this.site))).extracting(JiraField::id)
			.contains("summary", "customfield_10050");

		this.metadata.issueTypes(site(this.site));
		this.metadata.statuses(site(this.site));
		this.metadata.fields(site(this.site));

		assertThat(calls("/rest/api/3/issuetype")).isEqualTo(1);
		assertThat(calls("/rest/api/3/status")).isEqualTo(1);
		assertThat(calls("/rest/api/3/field")).isEqualTo(1);
		assertThat(this.site.calls()).allSatisfy(call -> assertThat(call.caller()).isEqualTo("app"));
	}

	@Test
	void projectsAreCachedPerUserAndNeverShared() {
		this.site.deny(this.alice.accountId(), "BROWSE_PROJECTS", "OPS");

		assertThat(this.metadata.projects(JiraIdentity.of(this.alice))).extracting(Project::key)
			.containsExactly("SCRUM");
		assertThat(this.metadata.projects(JiraIdentity.of(this.bob))).extracting(Project::key).contains("SCRUM", "OPS");
		this.metadata.projects(JiraIdentity.of(this.alice));

		assertThat(calls("/rest/api/3/project/search")).isEqualTo(2);
	}

	@Test
	void createMetadataNamesRequiredFieldsAndAllowedValues() {
		IssueType bug = this.metadata.createIssueType(JiraIdentity.of(this.alice), ProjectKey.of("SCRUM"), "bug")
			.orElseThrow();

		assertThat(this.metadata.createFields(JiraIdentity.of(this.alice), ProjectKey.of("SCRUM"), bug.id()))
			.filteredOn(CreateField::required)
			.extracting(CreateField::fieldId)
			.contains("summary", "customfield_10050");
		assertThat(this.metadata.priorities(JiraIdentity.of(this.alice), ProjectKey.of("SCRUM")))
			.extracting(Priority::name)
			.containsExactly("Highest", "High", "Medium", "Low", "Lowest");
	}

	@Test
	void projectStatusesHaveNoDuplicates() {
		assertThat(this.metadata.projectStatuses(JiraIdentity.of(this.alice), ProjectKey.of("SCRUM")))
			.extracting(JiraStatus::name)
			.contains("To Do", "Done")
			.doesNotHaveDuplicates();
	}

	@Test
	void sitesNeverShareCacheEntries() {
		SimulatedSite other = installedSite("metadata-other");
		this.metadata.issueTypes(site(this.site));

		this.metadata.issueTypes(site(other));

		assertThat(other.calls()).anySatisfy(call -> assertThat(call.path()).isEqualTo("/rest/api/3/issuetype"));
	}

}

package dev.jiraai.jira;

import java.util.List;

import dev.jiraai.jira.payload.JiraUser;
import dev.jiraai.support.AppTestSupport;
import dev.jiraai.support.SimulatedSite;
import dev.jiraai.tenancy.SiteUser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link JiraUsers}: people by account id and display name, never by e-mail.
 */
class JiraUsersTests extends AppTestSupport {

	@Autowired
	JiraUsers users;

	private SimulatedSite site;

	private SiteUser alice;

	@BeforeEach
	void install() {
		this.site = installedSite("users");
		this.alice = connectUser(this.site, this.site.user("Alice"));
	}

	@Test
	void anEmptyQueryListsUsersPageByPage() {
		List<JiraUser> first = this.users.search(JiraIdentity.of(this.alice), "", 0, 2);
		List<JiraUser> second = this.users.search(JiraIdentity.of(this.alice), " ", 2, 2);

		assertThat(first).hasSize(2);
		assertThat(second).isNotEmpty().doesNotContainAnyElementsOf(first);
		assertThat(this.site.calls()).anySatisfy(call -> assertThat(call.path()).isEqualTo("/rest/api/3/users/search"));
	}

	@Test
	void findsUsersByName() {
		assertThat(this.users.search(JiraIdentity.of(this.alice), "bob", 0, 10)).singleElement().satisfies(user -> {
			assertThat(user.displayName()).isEqualTo("Bob Builder");
			assertThat(user.accountId()).isEqualTo(this.site.user("Bob"));
		});
	}

	@Test
	void assignableUsersLeaveOutInactiveAccounts() {
		List<JiraUser> assignable = this.users.assignable(JiraIdentity.of(this.alice), ProjectKey.of("SCRUM"), null,
				null, 50);

		assertThat(assignable).extracting(JiraUser::displayName)
			.contains("Alice Analyst", "Bob Builder")
			.doesNotContain("Dan Departed");
		assertThat(this.users.assignable(JiraIdentity.of(this.alice), null, IssueKey.of("SCRUM-1"), "ali", 50))
			.extracting(JiraUser::displayName)
			.containsExactly("Alice Analyst");
	}

	@Test
	void knowsWhoIsCalling() {
		assertThat(this.users.myself(JiraIdentity.of(this.alice)).displayName()).isEqualTo("Alice Analyst");
	}

	@Test
	void aUsersTimeZoneIsReadOnceFromMyselfAndKeptPerSiteAndAccount() {
		this.site.timeZone(this.site.user("Alice"), java.time.ZoneId.of("Pacific/Auckland"));

		assertThat(this.users.timeZone(this.alice)).isEqualTo(java.time.ZoneId.of("Pacific/Auckland"));
		assertThat(this.users.timeZone(this.alice)).isEqualTo(java.time.ZoneId.of("Pacific/Auckland"));
		assertThat(this.users.timeZone(connectUser(this.site, this.site.user("Bob"))))
			.isEqualTo(java.time.ZoneId.of("Europe/London"));

		assertThat(this.site.calls("GET", "/rest/api/3/myself")).extracting(call -> call.caller())
			.containsExactly(this.site.user("Alice"), this.site.user("Bob"));
	}

	@Test
	void findsAPersonByAccountId() {
		assertThat(this.users.byAccountId(JiraIdentity.of(this.alice), this.site.user("Bob")))
			.hasValueSatisfying(bob -> assertThat(bob.displayName()).isEqualTo("Bob Builder"));
	}

	@Test
	void neverSeesAnEmailAddress() {
		this.users.search(JiraIdentity.of(this.alice), "", 0, 50);

		assertThat(JiraUser.class.getRecordComponents()).extracting(component -> component.getName())
			.containsExactly("accountId", "displayName", "active");
	}

}

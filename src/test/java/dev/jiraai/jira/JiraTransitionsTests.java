package dev.jiraai.jira;

import java.util.List;
import java.util.Map;

import dev.jiraai.jira.payload.Transition;
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
 * {@link JiraTransitions}: only transitions Jira offers, with the fields their screens
 * require named up front.
 */
class JiraTransitionsTests extends AppTestSupport {

	@Autowired
	JiraTransitions transitions;

	private SimulatedSite site;

	private SiteUser alice;

	@BeforeEach
	void install() {
		this.site = installedSite("transitions");
		this.alice = connectUser(this.site, this.site.user("Alice"));
	}

	private String status(String issueKey) {
		return this.site.data().issue(issueKey).orElseThrow().path("status").asText();
	}

	@Test
	void listsOfferedTransitionsWithRequiredFields() {
		List<Transition> offered = this.transitions.available(JiraIdentity.of(this.alice), IssueKey.of("SCRUM-1"));

		assertThat(offered).extracting(Transition::name).contains("Start progress", "Done");
		assertThat(offered).filteredOn(t -> t.name().equals("Done")).singleElement().satisfies(done -> {
			assertThat(done.to().name()).isEqualTo("Done");
			assertThat(done.requiredFields()).singleElement().satisfies(field -> {
				assertThat(field.id()).isEqualTo("resolution");
				assertThat(field.allowedValues()).contains("Done", "Won't Do");
			});
		});
	}

	@Test
	void movesTheIssueByTransitionOrTargetStatusName() {
		Transition made = this.transitions.transition(this.alice, IssueKey.of("SCRUM-1"), "In Progress", Map.of());

		assertThat(made.name()).isEqualTo("Start progress");
		assertThat(status("SCRUM-1")).isEqualTo("In Progress");
		assertThat(this.site.calls("POST", "/rest/api/3/issue/SCRUM-1/transitions")).singleElement()
			.satisfies(call -> assertThat(call.caller()).isEqualTo(this.alice.accountId()));
	}

	@Test
	void aTransitionWhoseAnswerIsLostIsFoundByItsRequestIdAndMadeOnce() {
		this.site.inject(JiraFault.lostResponse("POST", "/rest/api/3/issue/SCRUM-1/transitions"));

		this.transitions.transition(this.alice, IssueKey.of("SCRUM-1"), "In Progress", Map.of(),
				"transition-request-1");

		assertThat(status("SCRUM-1")).isEqualTo("In Progress");
		assertThat(this.site.calls("POST", "/rest/api/3/issue/SCRUM-1/transitions")).hasSize(1);
	}

	@Test
	void aTransitionThatFailedWithoutAnswerIsReportedUncertainNeverSentAgain() {
		this.site.inject(JiraFault.status("POST", "/rest/api/3/issue/SCRUM-1/transitions", 500));

		assertThatExceptionOfType(JiraException.OutcomeUnknown.class).isThrownBy(() -> this.transitions
			.transition(this.alice, IssueKey.of("SCRUM-1"), "In Progress", Map.of(), "transition-request-2"));
		assertThat(status("SCRUM-1")).isNotEqualTo("In Progress");
		assertThat(this.site.calls("POST", "/rest/api/3/issue/SCRUM-1/transitions")).hasSize(1);
	}

	@Test
	void aTransitionNeedingAResolutionNamesItWithoutSendingAnything() {
		assertThatExceptionOfType(TransitionNotPossible.class)
			.isThrownBy(() -> this.transitions.transition(this.alice, IssueKey.of("SCRUM-1"), "Done", Map.of()))
			.withMessageContaining("Resolution")
			.satisfies(ex -> assertThat(ex.missingFields()).singleElement().satisfies(field -> {
				assertThat(field.id()).isEqualTo("resolution");
				assertThat(field.allowedValues()).contains("Done");
			}));
		assertThat(this.site.calls("POST", "/rest/api/3/issue/SCRUM-1/transitions")).isEmpty();
		assertThat(status("SCRUM-1")).isEqualTo("To Do");
	}

	@Test
	void completesWithTheResolutionGiven() {
		this.transitions.transition(this.alice, IssueKey.of("SCRUM-1"), "Done", Map.of("resolution", "Done"));

		assertThat(status("SCRUM-1")).isEqualTo("Done");
	}

	@Test
	void refusesATransitionNotOfferedListingTheOffered() {
		assertThatExceptionOfType(TransitionNotPossible.class)
			.isThrownBy(() -> this.transitions.transition(this.alice, IssueKey.of("SCRUM-1"), "Archived", Map.of()))
			.satisfies(ex -> assertThat(ex.availableTransitions()).contains("Start progress", "Done"));
	}

	@Test
	void aUserWhoMayNotTransitionIsRefusedByJira() {
		this.site.deny(this.alice.accountId(), "TRANSITION_ISSUES", "SCRUM");

		// Jira either offers no transitions to such a user or refuses the POST: either
		// way nothing moves.
		org.assertj.core.api.Assertions
			.assertThatThrownBy(
					() -> this.transitions.transition(this.alice, IssueKey.of("SCRUM-1"), "Start progress", Map.of()))
			.isInstanceOfAny(JiraException.class, TransitionNotPossible.class);
		assertThat(status("SCRUM-1")).isEqualTo("To Do");
	}

}

package dev.jiraai.chat;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jiraai.chat.proposals.TransitionPayload;
import dev.jiraai.confirm.InvalidProposalPayload;
import dev.jiraai.confirm.Proposal;
import dev.jiraai.confirm.ProposalException;
import dev.jiraai.confirm.ProposalHandler;
import dev.jiraai.confirm.Proposals;
import dev.jiraai.contracts.ContractSchemas;
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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The assistant's writing tools against the simulated Jira: they only store proposals,
 * and only what can be carried out as it stands; the user's confirmation carries a
 * proposal out once, as the user, whatever Jira's answers do.
 */
class ChatProposalToolsTests extends AppTestSupport {

	private static final ObjectMapper json = new ObjectMapper();

	private static final String TRANSITIONS = "/rest/api/3/issue/SCRUM-1/transitions";

	@Autowired
	ChatTools tools;

	@Autowired
	Proposals proposals;

	@Autowired
	List<ProposalHandler<?>> handlers;

	private SimulatedSite site;

	private SiteUser alice;

	private RecordingTurn turn;

	@BeforeEach
	void install() {
		this.site = installedSite("chat-write");
		this.alice = connectUser(this.site, this.site.user("Alice"));
		this.turn = RecordingTurn.of(this.tools, this.alice);
	}

	private JsonNode comments(String issueKey) {
		return this.site.data().issue(issueKey).orElseThrow().path("comments");
	}

	private String status(String issueKey) {
		return this.site.data().issue(issueKey).orElseThrow().path("status").asText();
	}

	private Proposal proposed() {
		assertThat(this.turn.proposals).hasSize(1);
		return this.turn.proposals.get(0);
	}

	@Nested
	class ProposeComment {

		@Test
		void aConfirmedCommentIsPostedOnceAsTheUserWithARealMention() {
			String bob = site.user("Bob");

			String answer = turn.call("proposeComment",
					"{\"issueKey\": \"SCRUM-2\", \"body\": \"@Bob the fix is deployed\", \"mentionNames\": [\"Bob\"]}");

			assertThat(answer).contains("awaits the user's confirmation").contains("Do not say it was done");
			Proposal proposal = proposed();
			assertThat(proposal.kind()).isEqualTo("chat.comment");
			assertThat(proposal.payload().path("body").asText())
				.isEqualTo("@[Bob Builder](" + bob + ") the fix is deployed");
			assertThat(comments("SCRUM-2")).as("nothing posted before the confirmation").isEmpty();

			Proposal confirmed = proposals.confirm(alice, proposal.id());
			Proposal again = proposals.confirm(alice, proposal.id());

			assertThat(confirmed.state()).isEqualTo(Proposal.State.DONE);
			assertThat(again.result()).isEqualTo(confirmed.result());
			assertThat(comments("SCRUM-2")).singleElement().satisfies(comment -> {
				assertThat(comment.path("author").asText()).isEqualTo(alice.accountId());
				ContractSchemas.assertValidAdf(comment.path("body"));
				JsonNode mention = comment.path("body").path("content").get(0).path("content").get(0);
				assertThat(mention.path("type").asText()).isEqualTo("mention");
				assertThat(mention.path("attrs").path("id").asText()).isEqualTo(bob);
			});
			assertThat(site.calls("POST", "/rest/api/3/issue/SCRUM-2/comment")).singleElement()
				.satisfies(call -> assertThat(call.caller()).isEqualTo(alice.accountId()));
		}

		@Test
		void aCommentWhoseAnswerIsLostIsPostedOnce() {
			turn.call("proposeComment", "{\"issueKey\": \"SCRUM-2\", \"body\": \"Deployed\"}");
			site.inject(JiraFault.lostResponse("POST", "/rest/api/3/issue/SCRUM-2/comment"));

			Proposal confirmed = proposals.confirm(alice, proposed().id());
			proposals.confirm(alice, proposed().id());

			assertThat(confirmed.state()).isEqualTo(Proposal.State.DONE);
			assertThat(comments("SCRUM-2")).hasSize(1);
			assertThat(confirmed.result().path("commentId").asText())
				.isEqualTo(comments("SCRUM-2").get(0).path("id").asText());
			assertThat(site.calls("POST", "/rest/api/3/issue/SCRUM-2/comment")).hasSize(1);
		}

		@Test
		void aNameThatFitsSeveralPeopleProposesNothingAndListsThem() {
			site.data().addUser("Bob Baker");

			String answer = turn.call("proposeComment",
					"{\"issueKey\": \"SCRUM-2\", \"body\": \"@Bob please look\", \"mentionNames\": [\"Bob\"]}");

			assertThat(answer).startsWith("'Bob' matches several people, so nothing was proposed")
				.contains("- Bob Builder")
				.contains("- Bob Baker")
				.contains("<untrusted_data source=\"users\">");
			assertThat(turn.proposals).isEmpty();
			assertThat(proposals.recent(alice, "chat.", 10)).isEmpty();
		}

		@Test
		void theFullNameOfOneOfThemIsThatPerson() {
			site.data().addUser("Bob Baker");

			turn.call("proposeComment", "{\"issueKey\": \"SCRUM-2\", \"body\": \"@Bob Builder please look\", "
					+ "\"mentionNames\": [\"Bob Builder\"]}");

			assertThat(proposed().payload().path("body").asText())
				.isEqualTo("@[Bob Builder](" + site.user("Bob") + ") please look");
		}

		@Test
		void anUnknownNameProposesNothing() {
			String answer = turn.call("proposeComment",
					"{\"issueKey\": \"SCRUM-2\", \"body\": \"@Zed hello\", \"mentionNames\": [\"Zed\"]}");

			assertThat(answer).startsWith("Nobody in Jira matches 'Zed'");
			assertThat(turn.proposals).isEmpty();
		}

		@Test
		void aMentionTheModelWroteItselfIsRefused() {
			String answer = turn.call("proposeComment",
					"{\"issueKey\": \"SCRUM-2\", \"body\": \"@[Bob](5b10made-up) hello\"}");

			assertThat(answer).contains("do not write @[...](...) yourself");
			assertThat(turn.proposals).isEmpty();
		}

	}

	@Nested
	class ProposeTransition {

		@Test
		void aRequiredFieldNobodyGaveIsLeftForTheUserToFillInBeforeConfirming() {
			String answer = turn.call("proposeTransition", "{\"issueKey\": \"SCRUM-1\", \"transition\": \"Done\"}");

			assertThat(answer).contains("awaits the user's confirmation")
				.contains("The card asks the user for Resolution (one of Done, Won't Do, Duplicate)");
			Proposal empty = proposed();
			assertThat(empty.payload().path("fields").get(0).path("value").isNull()).isTrue();
			assertThatThrownBy(() -> proposals.confirm(alice, empty.id())).isInstanceOf(InvalidProposalPayload.class)
				.hasMessageContaining("Resolution (resolution) is required");
			assertThat(site.calls("POST", TRANSITIONS)).isEmpty();

			ObjectNode filled = empty.payload().deepCopy();
			((ObjectNode) filled.path("fields").get(0)).put("value", "won't do");
			proposals.edit(alice, empty.id(), filled);
			proposals.confirm(alice, empty.id());

			assertThat(site.data().issue("SCRUM-1").orElseThrow().path("resolution").asText()).isEqualTo("Won't Do");
			assertThat(site.calls("POST", TRANSITIONS)).singleElement()
				.satisfies(call -> assertThat(call.caller()).isEqualTo(alice.accountId()));
		}

		@Test
		void aValueTheFieldDoesNotAcceptProposesNothingAndNamesTheAllowedOnes() {
			String refused = turn.call("proposeTransition",
					"{\"issueKey\": \"SCRUM-1\", \"transition\": \"Done\", \"fieldValues\": {\"resolution\": \"Shipped\"}}");

			assertThat(refused).contains("nothing was proposed")
				.contains("Resolution (resolution) does not accept 'Shipped', one of: Done, Won't Do, Duplicate");
			assertThat(turn.proposals).isEmpty();
		}

		@Test
		void aStatedValueIsProposedAndTheTransitionMadeOnce() {
			turn.call("proposeTransition", "{\"issueKey\": \"SCRUM-1\", \"transition\": \"Done\", "
					+ "\"fieldValues\": {\"resolution\": \"won't do\"}}");

			Proposal proposal = proposed();
			assertThat(proposal.kind()).isEqualTo("chat.transition");
			JsonNode payload = proposal.payload();
			assertThat(payload.path("transitionId").asText()).isEqualTo("41");
			assertThat(payload.path("fromStatus").asText()).isEqualTo("To Do");
			assertThat(payload.path("toStatus").asText()).isEqualTo("Done");
			JsonNode field = payload.path("fields").get(0);
			assertThat(field.path("id").asText()).isEqualTo("resolution");
			assertThat(field.path("required").asBoolean()).isTrue();
			assertThat(field.path("value").asText()).isEqualTo("Won't Do");
			assertThat(field.path("allowedValues").findValuesAsText("name")).containsExactly("Done", "Won't Do",
					"Duplicate");
			assertThat(field.path("allowedValues").findValuesAsText("id")).contains("10001");
			assertThat(site.calls("POST", TRANSITIONS)).isEmpty();

			proposals.confirm(alice, proposal.id());
			proposals.confirm(alice, proposal.id());

			assertThat(status("SCRUM-1")).isEqualTo("Done");
			assertThat(site.data().issue("SCRUM-1").orElseThrow().path("resolution").asText()).isEqualTo("Won't Do");
			assertThat(site.calls("POST", TRANSITIONS)).singleElement()
				.satisfies(call -> assertThat(call.caller()).isEqualTo(alice.accountId()));
		}

		@Test
		void aTransitionThatIsNotOfferedListsTheOffered() {
			String answer = turn.call("proposeTransition", "{\"issueKey\": \"SCRUM-1\", \"transition\": \"Archive\"}");

			assertThat(answer).startsWith("'Archive' is not a transition of SCRUM-1 now, so nothing was proposed")
				.contains("Start progress (to In Progress)")
				.contains("Send to review (to In Review)")
				.contains("Done (to Done, needs Resolution)");
			assertThat(turn.proposals).isEmpty();
		}

		@Test
		void anIssueInTheStatusAskedForAlreadyGetsNoProposal() {
			String answer = turn.call("proposeTransition",
					"{\"issueKey\": \"SCRUM-2\", \"transition\": \"In Progress\"}");

			assertThat(answer).isEqualTo("SCRUM-2 is in In Progress already, so nothing was proposed.");
			assertThat(turn.proposals).isEmpty();
		}

		@Test
		void aTransitionWhoseAnswerIsLostIsMadeOnce() {
			turn.call("proposeTransition", "{\"issueKey\": \"SCRUM-1\", \"transition\": \"In Progress\"}");
			site.inject(JiraFault.lostResponse("POST", TRANSITIONS));

			Proposal confirmed = proposals.confirm(alice, proposed().id());

			assertThat(confirmed.state()).isEqualTo(Proposal.State.DONE);
			assertThat(status("SCRUM-1")).isEqualTo("In Progress");
			assertThat(site.calls("POST", TRANSITIONS)).hasSize(1);
		}

		@Test
		void aRetryOrTheReconcilerFindsTheTransitionMadeAndDoesNotMakeItAgain() {
			turn.call("proposeTransition", "{\"issueKey\": \"SCRUM-1\", \"transition\": \"Start progress\"}");
			Proposal proposal = proposals.confirm(alice, proposed().id());
			ProposalHandler<TransitionPayload> handler = transitionHandler();
			TransitionPayload payload = json.convertValue(proposal.payload(), TransitionPayload.class);
			ProposalHandler.Attempt retry = new ProposalHandler.Attempt(proposal.id(), 2, null);

			assertThat(handler.execute(alice, payload, retry).status()).isEqualTo(ProposalHandler.Status.DONE);
			assertThat(handler.reconcile(site(site), payload, retry).status()).isEqualTo(ProposalHandler.Status.DONE);
			assertThat(site.calls("POST", TRANSITIONS)).hasSize(1);
		}

		@Test
		void anIssueAlreadyInTheTargetStatusIsNotTransitionedAgain() {
			turn.call("proposeTransition", "{\"issueKey\": \"SCRUM-1\", \"transition\": \"In Progress\"}");
			site.data().issue("SCRUM-1").orElseThrow().put("status", "In Progress");

			Proposal confirmed = proposals.confirm(alice, proposed().id());

			assertThat(confirmed.state()).isEqualTo(Proposal.State.DONE);
			assertThat(site.calls("POST", TRANSITIONS)).isEmpty();
		}

		@SuppressWarnings("unchecked")
		private ProposalHandler<TransitionPayload> transitionHandler() {
			return (ProposalHandler<TransitionPayload>) handlers.stream()
				.filter(handler -> handler.kind().equals("chat.transition"))
				.findFirst()
				.orElseThrow();
		}

	}

	@Test
	void aConfirmedAssignmentAssignsOnceAsTheUser() {
		String answer = turn.call("proposeAssign", "{\"issueKey\": \"SCRUM-1\", \"userName\": \"Alice\"}");

		assertThat(answer).contains("awaits the user's confirmation");
		Proposal proposal = proposed();
		assertThat(proposal.kind()).isEqualTo("chat.assign");
		assertThat(proposal.payload().path("accountId").asText()).isEqualTo(alice.accountId());
		assertThat(proposal.payload().path("displayName").asText()).isEqualTo("Alice Analyst");

		proposals.confirm(alice, proposal.id());
		proposals.confirm(alice, proposal.id());

		assertThat(site.data().issue("SCRUM-1").orElseThrow().path("assignee").asText()).isEqualTo(alice.accountId());
		assertThat(site.calls("PUT", "/rest/api/3/issue/SCRUM-1")).singleElement()
			.satisfies(call -> assertThat(call.caller()).isEqualTo(alice.accountId()));
	}

	@Test
	void someoneWhoCannotBeAssignedTheIssueIsNotProposed() {
		site.deny(site.user("Bob"), "ASSIGNABLE_USER", "SCRUM");

		String answer = turn.call("proposeAssign", "{\"issueKey\": \"SCRUM-1\", \"userName\": \"Bob\"}");

		assertThat(answer).startsWith("Nobody in Jira matches 'Bob'");
		assertThat(turn.proposals).isEmpty();
	}

	@Nested
	class ProposeIssue {

		@Test
		void aRequiredFieldOfTheCreateScreenIsExplainedBeforeAnythingIsProposed() {
			String answer = turn.call("proposeIssue",
					"{\"projectKey\": \"SCRUM\", \"issueType\": \"Bug\", \"summary\": \"Safari crashes on pay\"}");

			assertThat(answer).contains("nothing was proposed").contains("Environment (customfield_10050) is required");
			assertThat(turn.proposals).isEmpty();

			turn.call("proposeIssue", "{\"projectKey\": \"SCRUM\", \"issueType\": \"Bug\", \"summary\": "
					+ "\"Safari crashes on pay\", \"fields\": {\"customfield_10050\": \"Safari 17\"}}");

			assertThat(proposed().kind()).isEqualTo("draft.create");
			assertThat(proposed().payload().at("/drafts/0/fields/customfield_10050").asText()).isEqualTo("Safari 17");
			assertThat(site.calls("POST", "/rest/api/3/issue")).isEmpty();
		}

		@Test
		void anEpicWithStoriesIsProposedAndCreatedAsTheUser() {
			turn.call("proposeIssue", "{\"projectKey\": \"SCRUM\", \"summary\": \"One-click payments\", "
					+ "\"stories\": [{\"summary\": \"Save a card\"}, {\"summary\": \"Pay with a saved card\"}]}");

			Proposal proposal = proposed();
			assertThat(proposal.payload().path("drafts").findValuesAsText("issueType")).containsExactly("Epic", "Story",
					"Story");

			Proposal done = proposals.confirm(alice, proposal.id());

			assertThat(done.state()).isEqualTo(Proposal.State.DONE);
			assertThat(site.calls("POST", "/rest/api/3/issue")).hasSize(3)
				.allSatisfy(call -> assertThat(call.caller()).isEqualTo(alice.accountId()));
		}

	}

	@Test
	void aProposalOfTheChatIsConfirmedOnlyByItsUser() {
		turn.call("proposeComment", "{\"issueKey\": \"SCRUM-2\", \"body\": \"Mine\"}");
		SiteUser bob = connectUser(site, site.user("Bob"));

		assertThatExceptionOfType(ProposalException.class).isThrownBy(() -> proposals.confirm(bob, proposed().id()));
		assertThat(comments("SCRUM-2")).isEmpty();
	}

}

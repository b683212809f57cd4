package dev.jiraai.confirm;

import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jiraai.jira.IssueKey;
import dev.jiraai.jira.JiraComments;
import dev.jiraai.support.AppTestSupport;
import dev.jiraai.support.JiraFault;
import dev.jiraai.support.SimulatedSite;
import dev.jiraai.tenancy.SiteUser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Confirmed writes happen exactly once whatever Jira does: a lost answer, a search index
 * that lags, a crash between Jira's write and the app's bookkeeping, a failure that is
 * fixed and confirmed again, a batch that fails part-way. Every outcome is audited.
 */
class ExactlyOnceWritesTests extends AppTestSupport {

	private static final ObjectMapper json = new ObjectMapper();

	private static final String CREATE = "/rest/api/3/issue";

	@Autowired
	Proposals proposals;

	@Autowired
	ProposalReconciler reconciler;

	@Autowired
	JiraComments comments;

	@Autowired
	JdbcClient jdbc;

	private SimulatedSite site;

	private SiteUser alice;

	@BeforeEach
	void install() {
		this.site = installedSite("exactly-once");
		this.alice = connectUser(this.site, this.site.user("Alice"));
	}

	private Proposal draft(String... summaries) {
		ObjectNode payload = json.createObjectNode().put("projectKey", "SCRUM");
		for (int i = 0; i < summaries.length; i++) {
			ObjectNode draft = payload.withArray("drafts").addObject();
			draft.put("ref", i == 0 ? "epic" : "S" + i)
				.put("summary", summaries[i])
				.put("issueType", i == 0 ? "Epic" : "Story");
			if (i > 0) {
				draft.put("parentRef", "epic");
			}
		}
		return this.proposals.propose(this.alice, "draft", "draft.create", payload);
	}

	private Proposal comment(String text) {
		ObjectNode payload = json.createObjectNode().put("issueKey", "SCRUM-2").put("markdown", text);
		return this.proposals.propose(this.alice, "assess", "assess.comment", payload);
	}

	private long issuesTitled(String summary) {
		return this.site.data().issues().stream().filter(i -> i.path("summary").asText().equals(summary)).count();
	}

	private List<String> auditOutcomes(Proposal proposal) {
		return this.jdbc.sql("SELECT outcome FROM audit_log WHERE proposal_id = ? ORDER BY id")
			.param(proposal.id())
			.query(String.class)
			.list();
	}

	/** Time passes beyond the recheck delay and the cluster-wide reconciler runs. */
	private void laterTheReconcilerRuns() {
		clock.advance(Duration.ofMinutes(6));
		this.reconciler.reconcile();
	}

	@Nested
	class LostCreateAnswer {

		@Test
		void withAnIndexLaggingSecondsTheIssueIsFoundNotCreatedAgain() {
			site.lagSearchIndex(Duration.ofSeconds(3)).inject(JiraFault.lostResponse("POST", CREATE));
			Proposal proposal = draft("Lagging index");

			Proposal confirmed = proposals.confirm(alice, proposal.id());

			assertThat(confirmed.state()).isEqualTo(Proposal.State.DONE);
			assertThat(issuesTitled("Lagging index")).isEqualTo(1);
			assertThat(site.calls("POST", CREATE)).hasSize(1);
			assertThat(confirmed.result().at("/issues/0/key").asText()).startsWith("SCRUM-");
		}

		@Test
		void withAnIndexLaggingLongerTheProposalSaysSoAndIsResolvedLater() {
			site.holdSearchIndex().inject(JiraFault.lostResponse("POST", CREATE));
			Proposal proposal = draft("Held index");

			assertThatExceptionOfType(ProposalException.class).isThrownBy(() -> proposals.confirm(alice, proposal.id()))
				.satisfies(ex -> assertThat(ex.checkUrl().toString()).contains("/issues/?jql=")
					.contains("com.jiraai.request"));
			assertThat(proposals.get(alice, proposal.id()).state()).isEqualTo(Proposal.State.UNCERTAIN);
			assertThatExceptionOfType(ProposalException.class).isThrownBy(() -> proposals.confirm(alice, proposal.id()))
				.withMessageContaining("may have done this already");
			assertThat(site.calls("POST", CREATE)).hasSize(1);

			laterTheReconcilerRuns();
			assertThat(proposals.get(alice, proposal.id()).state()).as("index still behind")
				.isEqualTo(Proposal.State.FAILED);
			site.releaseSearchIndex();
			Proposal again = proposals.confirm(alice, proposal.id());

			assertThat(again.state()).isEqualTo(Proposal.State.DONE);
			assertThat(issuesTitled("Held index")).isEqualTo(1);
			assertThat(site.calls("POST", CREATE)).hasSize(1);
			assertThat(auditOutcomes(proposal)).containsExactly("uncertain", "failed", "done");
		}

		@Test
		void anUncertainCreateFoundByTheReconcilerIsDone() {
			site.holdSearchIndex().inject(JiraFault.lostResponse("POST", CREATE));
			Proposal proposal = draft("Found later");
			assertThatExceptionOfType(ProposalException.class)
				.isThrownBy(() -> proposals.confirm(alice, proposal.id()));

			site.releaseSearchIndex();
			laterTheReconcilerRuns();

			Proposal settled = proposals.get(alice, proposal.id());
			assertThat(settled.state()).isEqualTo(Proposal.State.DONE);
			assertThat(settled.result().at("/issues/0/key").asText()).startsWith("SCRUM-");
			assertThat(issuesTitled("Found later")).isEqualTo(1);
			assertThat(site.calls("POST", CREATE)).hasSize(1);
		}

		@Test
		void aCreateThatTimesOutWhileJiraWritesIsFoundNotCreatedAgain() {
			site.inject(JiraFault.delay("POST", CREATE, Duration.ofSeconds(4)));
			Proposal proposal = draft("Slow Jira");

			Proposal confirmed = proposals.confirm(alice, proposal.id());

			assertThat(confirmed.state()).isEqualTo(Proposal.State.DONE);
			assertThat(issuesTitled("Slow Jira")).isEqualTo(1);
			assertThat(site.calls("POST", CREATE)).hasSize(1);
		}

		@Test
		void aResetBeforeJiraWroteIsProvenAbsentThenConfirmedAgainOnce() {
			site.inject(JiraFault.connectionReset("POST", CREATE));
			Proposal proposal = draft("Reset first");
			assertThatExceptionOfType(ProposalException.class)
				.isThrownBy(() -> proposals.confirm(alice, proposal.id()));
			assertThat(issuesTitled("Reset first")).isZero();

			laterTheReconcilerRuns();
			assertThat(proposals.get(alice, proposal.id()).state()).isEqualTo(Proposal.State.FAILED);
			Proposal again = proposals.confirm(alice, proposal.id());

			assertThat(again.state()).isEqualTo(Proposal.State.DONE);
			assertThat(issuesTitled("Reset first")).isEqualTo(1);
		}

	}

	@Nested
	class OtherWrites {

		@Test
		void aCommentWhoseAnswerIsLostIsPostedOnce() {
			site.inject(JiraFault.lostResponse("POST", "/rest/api/3/issue/SCRUM-2/comment"));
			Proposal proposal = comment("Lost answer");

			assertThat(proposals.confirm(alice, proposal.id()).state()).isEqualTo(Proposal.State.DONE);
			assertThat(site.data().issue("SCRUM-2").orElseThrow().path("comments")).hasSize(1);
		}

		@Test
		void aDescriptionEditWhoseAnswerIsLostIsFoundByItsRequestId() {
			site.inject(JiraFault.lostResponse("PUT", "/rest/api/3/issue/SCRUM-2"));
			ObjectNode payload = json.createObjectNode().put("issueKey", "SCRUM-2").put("markdown", "Improved");
			Proposal proposal = proposals.propose(alice, "assess", "assess.apply-description", payload);

			assertThat(proposals.confirm(alice, proposal.id()).state()).isEqualTo(Proposal.State.DONE);
			assertThat(site.calls("PUT", "/rest/api/3/issue/SCRUM-2")).hasSize(1);
			assertThat(site.data().issue("SCRUM-2").orElseThrow().path("description").toString()).contains("Improved");
		}

		@Test
		void aCrashBetweenJirasWriteAndTheBookkeepingIsReconciledToDone() {
			Proposal proposal = comment("Written, then the app crashed");
			// What a crash leaves: the proposal claimed, Jira's write made with its
			// request id, nothing recorded.
			jdbc.sql("UPDATE proposal SET state = 'EXECUTING', attempts = 1 WHERE id = ?")
				.param(proposal.id())
				.update();
			String requestId = new ProposalHandler.Attempt(proposal.id(), 1, null).requestId("assess.comment");
			comments.add(alice, IssueKey.of("SCRUM-2"), "Written, then the app crashed", requestId);

			laterTheReconcilerRuns();

			Proposal settled = proposals.get(alice, proposal.id());
			assertThat(settled.state()).isEqualTo(Proposal.State.DONE);
			assertThat(settled.result().path("commentId").asText()).isNotBlank();
			assertThat(proposals.confirm(alice, proposal.id()).state()).isEqualTo(Proposal.State.DONE);
			assertThat(site.data().issue("SCRUM-2").orElseThrow().path("comments")).hasSize(1);
			assertThat(auditOutcomes(proposal)).containsExactly("done");
		}

		@Test
		void aCrashBeforeJirasWriteIsReconciledToConfirmable() {
			Proposal proposal = comment("Never reached Jira");
			jdbc.sql("UPDATE proposal SET state = 'EXECUTING', attempts = 1 WHERE id = ?")
				.param(proposal.id())
				.update();

			laterTheReconcilerRuns();

			assertThat(proposals.get(alice, proposal.id()).state()).isEqualTo(Proposal.State.FAILED);
			assertThat(proposals.confirm(alice, proposal.id()).state()).isEqualTo(Proposal.State.DONE);
			assertThat(site.data().issue("SCRUM-2").orElseThrow().path("comments")).hasSize(1);
		}

		@Test
		void aFailedWriteCanBeConfirmedAgainOnceTheCauseIsFixed() {
			site.deny(alice.accountId(), "ADD_COMMENTS", "SCRUM");
			Proposal proposal = comment("Denied at first");

			assertThatExceptionOfType(RuntimeException.class).isThrownBy(() -> proposals.confirm(alice, proposal.id()));
			Proposal failed = proposals.get(alice, proposal.id());
			assertThat(failed.state()).isEqualTo(Proposal.State.FAILED);
			assertThat(failed.error()).contains("permission");
			site.allow(alice.accountId(), "ADD_COMMENTS", "SCRUM");

			assertThat(proposals.confirm(alice, proposal.id()).state()).isEqualTo(Proposal.State.DONE);
			assertThat(site.data().issue("SCRUM-2").orElseThrow().path("comments")).hasSize(1);
			assertThat(auditOutcomes(proposal)).containsExactly("failed", "done");
			assertThat(jdbc.sql("SELECT error FROM audit_log WHERE proposal_id = ? AND outcome = 'failed'")
				.param(proposal.id())
				.query(String.class)
				.single()).contains("permission");
		}

	}

	@Nested
	class Batches {

		@Test
		void aBatchFailingPartWayReportsWhatExistsAndRetriesOnlyTheRest() {
			site.injectAfter(2, JiraFault.status("POST", CREATE, 400));
			Proposal proposal = draft("Batch epic", "Batch story one", "Batch story two");

			Proposal partial = proposals.confirm(alice, proposal.id());

			assertThat(partial.state()).isEqualTo(Proposal.State.PARTIAL);
			assertThat(partial.result().path("issues")).extracting(issue -> issue.path("ref").asText())
				.containsExactly("epic", "S1");
			assertThat(partial.result().path("failed")).extracting(issue -> issue.path("ref").asText())
				.containsExactly("S2");

			Proposal done = proposals.confirm(alice, proposal.id());

			assertThat(done.state()).isEqualTo(Proposal.State.DONE);
			assertThat(done.result().path("issues")).extracting(issue -> issue.path("ref").asText())
				.containsExactly("epic", "S1", "S2");
			assertThat(done.result().path("failed")).isEmpty();
			assertThat(issuesTitled("Batch epic") + issuesTitled("Batch story one") + issuesTitled("Batch story two"))
				.isEqualTo(3);
			String epicKey = done.result().at("/issues/0/key").asText();
			JsonNode second = site.data().issue(done.result().at("/issues/2/key").asText()).orElseThrow();
			assertThat(second.path("parent").asText()).isEqualTo(epicKey);
			assertThat(auditOutcomes(proposal)).containsExactly("partial", "done");
		}

	}

}

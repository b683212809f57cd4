package dev.jiraai.confirm;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jiraai.support.AppTestSupport;
import dev.jiraai.support.SimulatedSite;
import dev.jiraai.tenancy.SiteUser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Proposals: only the proposing user confirms, exactly once however many confirms race,
 * and never after expiry or rejection; every executed write is audited.
 */
class ProposalsTests extends AppTestSupport {

	private static final ObjectMapper json = new ObjectMapper();

	@Autowired
	Proposals proposals;

	@Autowired
	JdbcClient jdbc;

	private SimulatedSite site;

	private SiteUser alice;

	@BeforeEach
	void install() {
		this.site = installedSite("proposals");
		this.alice = connectUser(this.site, this.site.user("Alice"));
	}

	private Proposal comment(String text) {
		ObjectNode payload = json.createObjectNode().put("issueKey", "SCRUM-2").put("markdown", text);
		return this.proposals.propose(this.alice, "assess", "assess.comment", payload);
	}

	@Test
	void twentyConcurrentConfirmsWriteOnceAndAllGetTheFirstResult() throws Exception {
		Proposal proposal = comment("Only once, please");
		ExecutorService pool = Executors.newFixedThreadPool(20);
		CountDownLatch start = new CountDownLatch(1);
		List<Future<Proposal>> confirms = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			confirms.add(pool.submit(() -> {
				start.await();
				return this.proposals.confirm(this.alice, proposal.id());
			}));
		}
		start.countDown();
		List<String> commentIds = new ArrayList<>();
		for (Future<Proposal> confirm : confirms) {
			Proposal done = confirm.get();
			assertThat(done.state()).isEqualTo(Proposal.State.DONE);
			commentIds.add(done.result().path("commentId").asText());
		}
		pool.shutdown();

		assertThat(this.site.calls("POST", "/rest/api/3/issue/SCRUM-2/comment")).hasSize(1);
		assertThat(this.site.data().issue("SCRUM-2").orElseThrow().path("comments")).hasSize(1);
		assertThat(commentIds).containsOnly(commentIds.get(0));
		assertThat(this.jdbc.sql("SELECT count(*) FROM audit_log WHERE proposal_id = ?")
			.param(proposal.id())
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void anotherUserOrSiteCannotSeeOrConfirmIt() {
		Proposal proposal = comment("Mine");
		SiteUser bob = connectUser(this.site, this.site.user("Bob"));
		SimulatedSite other = installedSite("proposals-other");
		SiteUser stranger = connectUser(other, this.alice.accountId());

		assertThatExceptionOfType(ProposalException.class).isThrownBy(() -> this.proposals.confirm(bob, proposal.id()))
			.satisfies(ex -> assertThat(ex.notFound()).isTrue());
		assertThatExceptionOfType(ProposalException.class)
			.isThrownBy(() -> this.proposals.confirm(stranger, proposal.id()))
			.satisfies(ex -> assertThat(ex.notFound()).isTrue());
		assertThat(this.site.calls("POST", "/rest/api/3/issue/SCRUM-2/comment")).isEmpty();
	}

	@Test
	void confirmingAnotherUsersProposalAnswers404OverHttp() {
		Proposal proposal = comment("Mine");
		String bob = this.site.user("Bob");

		var response = post("/api/proposals/" + proposal.id() + "/confirm", "JWT " + this.site.contextJwt(bob), null,
				"application/json");

		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(this.site.calls("POST", "/rest/api/3/issue/SCRUM-2/comment")).isEmpty();
	}

	@Test
	void anExpiredProposalCannotBeConfirmed() {
		Proposal proposal = comment("Too late");
		this.jdbc.sql("UPDATE proposal SET expires_at = now() - interval '1 minute' WHERE id = ?")
			.param(proposal.id())
			.update();

		assertThatExceptionOfType(ProposalException.class)
			.isThrownBy(() -> this.proposals.confirm(this.alice, proposal.id()))
			.withMessageContaining("expired");
		assertThat(this.proposals.get(this.alice, proposal.id()).state()).isEqualTo(Proposal.State.EXPIRED);
		assertThat(this.site.calls("POST", "/rest/api/3/issue/SCRUM-2/comment")).isEmpty();
	}

	@Test
	void checksThePayloadBeforeCarryingItOutAndKeepsItPending() {
		ObjectNode payload = json.createObjectNode().put("issueKey", "SCRUM-2");
		Proposal proposal = this.proposals.propose(this.alice, "assess", "assess.comment", payload);

		assertThatExceptionOfType(InvalidProposalPayload.class)
			.isThrownBy(() -> this.proposals.confirm(this.alice, proposal.id()))
			.withMessageContaining("markdown");
		assertThat(this.proposals.get(this.alice, proposal.id()).state()).isEqualTo(Proposal.State.PENDING);
		assertThat(this.site.calls("POST", "/rest/api/3/issue/SCRUM-2/comment")).isEmpty();
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> this.proposals.propose(this.alice, "assess", "delete.everything", payload));
	}

	@Test
	void anEditIsReadIntoTheKindsRecordAndStoredAsThat() {
		Proposal proposal = comment("Before");
		ObjectNode typo = json.createObjectNode().put("issueKey", "SCRUM-2").put("markdwn", "After");
		ObjectNode badKey = json.createObjectNode().put("issueKey", "scrum-2").put("markdown", "After");
		ObjectNode edit = json.createObjectNode().put("issueKey", "SCRUM-2").put("markdown", "After");

		assertThatExceptionOfType(InvalidProposalPayload.class)
			.isThrownBy(() -> this.proposals.edit(this.alice, proposal.id(), typo))
			.withMessage("'markdwn' is not a field of this proposal");
		assertThatExceptionOfType(InvalidProposalPayload.class)
			.isThrownBy(() -> this.proposals.edit(this.alice, proposal.id(), badKey))
			.withMessage("'issueKey' must be an issue key (like PAY-42)");
		assertThat(this.proposals.edit(this.alice, proposal.id(), edit).payload()).isEqualTo(edit);
	}

	@Test
	void theAuditRowOfACarriedOutProposalSaysWhoDidWhatToWhat() {
		Proposal proposal = comment("Audited");

		this.proposals.confirm(this.alice, proposal.id());

		assertThat(this.jdbc.sql("""
				SELECT client_key, account_id, feature, kind, target, summary, outcome, error
				FROM audit_log WHERE proposal_id = ?
				""").param(proposal.id()).query().singleRow()).containsEntry("client_key", this.site.clientKey())
			.containsEntry("account_id", this.alice.accountId())
			.containsEntry("feature", "assess")
			.containsEntry("kind", "assess.comment")
			.containsEntry("target", "SCRUM-2")
			.containsEntry("summary", "Posted the AI assessment of SCRUM-2 as a comment")
			.containsEntry("outcome", "done")
			.containsEntry("error", null);
	}

	@Test
	void anUnknownIdIsNotFound() {
		assertThatExceptionOfType(ProposalException.class)
			.isThrownBy(() -> this.proposals.confirm(this.alice, UUID.randomUUID()))
			.satisfies(ex -> assertThat(ex.notFound()).isTrue());
	}

}

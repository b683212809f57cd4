package dev.jiraai.admin;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jiraai.confirm.Proposal;
import dev.jiraai.confirm.Proposals;
import dev.jiraai.support.SimulatedSite;
import dev.jiraai.tenancy.SiteUser;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit view: what a confirmed proposal wrote, by whom, from which feature, with a
 * link to the issue; filters, pages, CSV and retention; never another site's entries.
 */
class AuditAdminTests extends AdminTestSupport {

	@Autowired
	Proposals proposals;

	@Autowired
	AuditTrail audit;

	@Autowired
	AdminProperties properties;

	@Override
	String siteName() {
		return "audit";
	}

	private Proposal confirmedComment(SiteUser user, String issueKey, String text) {
		ObjectNode payload = json.createObjectNode().put("issueKey", issueKey).put("markdown", text);
		Proposal proposal = this.proposals.propose(user, "assess", "assess.comment", payload);
		assertThat(this.proposals.confirm(user, proposal.id()).state()).isEqualTo(Proposal.State.DONE);
		return proposal;
	}

	private void entry(String accountId, String feature, String target, String outcome, OffsetDateTime at) {
		entry(this.site, accountId, feature, target, outcome, at);
	}

	private void entry(SimulatedSite site, String accountId, String feature, String target, String outcome,
			OffsetDateTime at) {
		this.jdbc.sql("""
				INSERT INTO audit_log (client_key, account_id, feature, kind, target, summary, outcome, created_at)
				VALUES (?, ?, ?, 'test.kind', ?, ?, ?, ?)
				""").params(site.clientKey(), accountId, feature, target, "Wrote " + target, outcome, at).update();
	}

	@Test
	void showsAConfirmedCommentWithWhoConfirmedItTheFeatureAndALinkToTheIssue() throws Exception {
		Proposal proposal = confirmedComment(connectUser(this.site, this.bob), "SCRUM-2", "Looks ready");

		JsonNode page = asAdmin("/api/admin/audit");

		assertThat(page.path("total").asLong()).isEqualTo(1);
		JsonNode entry = page.at("/entries/0");
		assertThat(entry.path("kind").asText()).isEqualTo("assess.comment");
		assertThat(entry.path("outcome").asText()).isEqualTo("done");
		assertThat(entry.path("feature").asText()).isEqualTo("assess");
		assertThat(entry.path("proposedBy").asText()).isEqualTo("ai");
		assertThat(entry.path("proposalId").asText()).isEqualTo(proposal.id().toString());
		assertThat(entry.at("/confirmedBy/accountId").asText()).isEqualTo(this.bob);
		assertThat(entry.at("/confirmedBy/displayName").asText()).isEqualTo(displayName(this.bob));
		assertThat(entry.path("target").asText()).isEqualTo("SCRUM-2");
		assertThat(entry.path("summary").asText()).isNotBlank();
		assertThat(entry.at("/links/0/key").asText()).isEqualTo("SCRUM-2");
		assertThat(entry.at("/links/0/url").asText()).startsWith("http").endsWith("/browse/SCRUM-2");
		assertThat(entry.path("at").asText()).isNotBlank();
	}

	@Test
	void showsARejectedProposalOnceWithNothingWritten() throws Exception {
		SiteUser bob = connectUser(this.site, this.bob);
		ObjectNode payload = json.createObjectNode().put("issueKey", "SCRUM-3").put("markdown", "Not this");
		Proposal proposal = this.proposals.propose(bob, "assess", "assess.comment", payload);
		this.proposals.reject(bob, proposal.id());
		this.proposals.reject(bob, proposal.id());

		JsonNode page = asAdmin("/api/admin/audit");

		assertThat(page.path("total").asLong()).isEqualTo(1);
		JsonNode entry = page.at("/entries/0");
		assertThat(entry.path("outcome").asText()).isEqualTo("rejected");
		assertThat(entry.path("kind").asText()).isEqualTo("assess.comment");
		assertThat(entry.path("feature").asText()).isEqualTo("assess");
		assertThat(entry.path("proposalId").asText()).isEqualTo(proposal.id().toString());
		assertThat(entry.at("/confirmedBy/accountId").asText()).isEqualTo(this.bob);
		assertThat(entry.at("/links/0/key").asText()).isEqualTo("SCRUM-3");
		assertThat(this.site.calls("POST", "/rest/api/3/issue/SCRUM-3/comment")).isEmpty();
	}

	@Test
	void filtersByUserFeatureProjectAndDateNewestFirst() throws Exception {
		OffsetDateTime may = LocalDate.of(2026, 5, 10).atTime(9, 0).atOffset(ZoneOffset.UTC);
		entry(this.alice, "chat", "PAY-1", "done", may);
		entry(this.bob, "chat", "SCRUM-7", "failed", may.plusDays(1));
		entry(this.bob, "assess", "PAY-12, SCRUM-3", "uncertain", may.plusDays(2));
		entry(this.alice, "draft", "PAYMENTS-4", "done", may.plusDays(20));
		entry(installedSite("audit-other"), this.alice, "chat", "PAY-9", "done", may);

		assertThat(summaries(asAdmin("/api/admin/audit"))).containsExactly("Wrote PAYMENTS-4", "Wrote PAY-12, SCRUM-3",
				"Wrote SCRUM-7", "Wrote PAY-1");
		assertThat(summaries(asAdmin("/api/admin/audit?user=" + this.bob))).containsExactly("Wrote PAY-12, SCRUM-3",
				"Wrote SCRUM-7");
		assertThat(summaries(asAdmin("/api/admin/audit?feature=chat"))).containsExactly("Wrote SCRUM-7", "Wrote PAY-1");
		assertThat(summaries(asAdmin("/api/admin/audit?project=PAY"))).containsExactly("Wrote PAY-12, SCRUM-3",
				"Wrote PAY-1");
		assertThat(summaries(asAdmin("/api/admin/audit?from=2026-05-11&to=2026-05-12")))
			.containsExactly("Wrote PAY-12, SCRUM-3", "Wrote SCRUM-7");
		assertThat(summaries(asAdmin("/api/admin/audit?user=%s&feature=chat&project=SCRUM".formatted(this.bob))))
			.containsExactly("Wrote SCRUM-7");
		JsonNode both = asAdmin("/api/admin/audit?project=PAY");
		assertThat(both.at("/entries/0/links").findValuesAsText("key")).containsExactly("PAY-12", "SCRUM-3");
		assertThat(both.at("/entries/0/outcome").asText()).isEqualTo("uncertain");
		problem(get("/api/admin/audit?from=2026-05-11&to=2026-05-01", jwt(this.site, this.alice)), 400,
				"invalid-period");
		assertThat(get("/api/admin/audit?project=not%20a%20key", jwt(this.site, this.alice)).statusCode())
			.isEqualTo(400);
	}

	@Test
	void pagesThroughTheEntries() throws Exception {
		OffsetDateTime start = clock.instant().atOffset(ZoneOffset.UTC).minusHours(5);
		for (int i = 1; i <= 5; i++) {
			entry(this.alice, "chat", "SCRUM-" + i, "done", start.plusMinutes(i));
		}

		JsonNode first = asAdmin("/api/admin/audit?size=2");
		JsonNode third = asAdmin("/api/admin/audit?size=2&page=2");

		assertThat(first.path("total").asLong()).isEqualTo(5);
		assertThat(first.path("size").asInt()).isEqualTo(2);
		assertThat(summaries(first)).containsExactly("Wrote SCRUM-5", "Wrote SCRUM-4");
		assertThat(summaries(asAdmin("/api/admin/audit?size=2&page=1"))).containsExactly("Wrote SCRUM-3",
				"Wrote SCRUM-2");
		assertThat(third.path("page").asInt()).isEqualTo(2);
		assertThat(summaries(third)).containsExactly("Wrote SCRUM-1");
	}

	@Test
	void exportsTheFilteredEntriesAsCsvWithoutFormulas() throws Exception {
		OffsetDateTime at = LocalDate.of(2026, 6, 1).atTime(8, 0).atOffset(ZoneOffset.UTC);
		entry(this.bob, "chat", "SCRUM-7", "failed", at);
		this.jdbc.sql("""
				INSERT INTO audit_log (client_key, account_id, feature, kind, target, summary, outcome, created_at)
				VALUES (?, ?, 'chat', 'chat.comment', 'SCRUM-8', '=cmd|'' /C calc''!A0', 'done', ?)
				""").params(this.site.clientKey(), this.bob, at.plusMinutes(1)).update();
		entry(this.alice, "draft", "SCRUM-9", "done", at);

		HttpResponse<String> csv = get("/api/admin/audit.csv?user=" + this.bob, jwt(this.site, this.alice));

		assertThat(csv.statusCode()).as(csv.body()).isEqualTo(200);
		assertThat(csv.headers().firstValue("Content-Type"))
			.hasValueSatisfying(type -> assertThat(type).startsWith("text/csv"));
		assertThat(csv.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"audit.csv\"");
		List<String> lines = csv.body().lines().toList();
		assertThat(lines).hasSize(3);
		assertThat(lines.get(0)).isEqualTo("at,kind,summary,outcome,error,feature,proposed_by,proposal_id,"
				+ "confirmed_by_account_id,confirmed_by_name,target,links");
		assertThat(lines.get(1))
			.startsWith("2026-06-01T08:01:00Z,chat.comment,\"'=cmd|' /C calc'!A0\",done,,chat,user,,")
			.contains(this.bob + "," + displayName(this.bob) + ",SCRUM-8,")
			.endsWith("/browse/SCRUM-8");
		assertThat(lines.get(2)).contains("Wrote SCRUM-7,failed");
	}

	@Test
	void retentionDeletesOnlyEntriesOlderThanItCluster() throws Exception {
		OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
		entry(this.alice, "chat", "SCRUM-1", "done", now.minusDays(366));
		entry(this.alice, "chat", "SCRUM-2", "done", now.minusDays(364));
		entry(this.alice, "chat", "SCRUM-3", "done", now);

		assertThat(this.properties.auditRetention()).isEqualTo(Duration.ofDays(365));
		assertThat(this.audit.deleteOlderThan(this.properties.auditRetention(), clock)).isGreaterThanOrEqualTo(1);

		assertThat(summaries(asAdmin("/api/admin/audit"))).containsExactly("Wrote SCRUM-3", "Wrote SCRUM-2");
		assertThat(this.jdbc.sql("SELECT count(*) FROM scheduled_tasks WHERE task_name = ?")
			.param(AuditRetention.TASK)
			.query(Long.class)
			.single()).as("scheduled once for the cluster").isEqualTo(1);
	}

	@Test
	void aNonAdminGetsNoAudit() throws Exception {
		problem(get("/api/admin/audit", jwt(this.site, this.bob)), 403, "not-site-admin");
		problem(get("/api/admin/audit.csv", jwt(this.site, this.bob)), 403, "not-site-admin");
	}

	private static List<String> summaries(JsonNode page) {
		return page.path("entries").findValuesAsText("summary");
	}

}

package dev.jiraai.privacy;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;

import dev.jiraai.support.AppTestSupport;
import dev.jiraai.support.PersonalDataReportingSimulator.Reply;
import dev.jiraai.support.PersonalDataReportingSimulator.Report;
import dev.jiraai.support.SimulatedSite;
import dev.jiraai.tenancy.SiteDataRetention;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The personal data reporting cycle against a simulator of Atlassian's reporting API:
 * what is reported, what a {@code closed} answer erases, and when the next report goes
 * out.
 */
class PersonalDataReportingTests extends AppTestSupport {

	private static final Duration WEEK = Duration.ofDays(7);

	@Autowired
	PersonalDataReporting reporting;

	@Autowired
	SiteDataRetention retention;

	@Autowired
	JdbcClient jdbc;

	/**
	 * The time the cycle runs at; later runs are this plus the time the test lets pass.
	 */
	private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

	@AfterEach
	void noReportBrokeTheDocumentedShape() {
		assertThat(personalDataReporting.violations()).as("reports that break the documented API").isEmpty();
	}

	@Test
	void closedAccountIsErasedFromEveryTableAndNothingElseIs() {
		SimulatedSite site = installedSite("privacy-closed");
		SimulatedSite other = installedSite("privacy-other");
		String alice = "5be24ba3f91c106033269289";
		String bob = "5be24ad8b1653240376955d2";
		seed(site, alice);
		seed(site, bob);
		seed(other, alice);
		personalDataReporting.answer(site, Reply.statuses(Map.of(alice, "closed")));
		long bobBefore = mentions(site, bob);
		long aliceElsewhereBefore = mentions(other, alice);

		assertThat(this.reporting.reportDue(this.now)).contains(site.clientKey(), other.clientKey());

		assertThat(personalDataReporting.reports(site)).singleElement()
			.extracting(Report::accounts)
			.satisfies(accounts -> assertThat(accounts).containsOnlyKeys(alice, bob));
		assertThat(mentions(site, alice)).as("rows naming the closed account").isZero();
		assertThat(count("SELECT count(*) FROM proposal WHERE client_key = ? AND account_id IS NULL", site))
			.as("proposals are deleted, not kept without their owner")
			.isZero();
		assertThat(count("SELECT count(*) FROM assessment WHERE client_key = ?", site))
			.as("assessments stay: they are about issues")
			.isEqualTo(2);
		assertThat(count("SELECT count(*) FROM audit_log WHERE client_key = ?", site))
			.as("the audit log keeps what the app wrote, without who asked")
			.isEqualTo(2);
		assertThat(count("SELECT tokens FROM llm_usage_daily WHERE client_key = ? AND account_id = ''", site))
			.as("the site's token counter keeps what the closed account spent")
			.isEqualTo(300);
		assertThat(mentions(site, bob)).as("another account of the same site").isEqualTo(bobBefore).isPositive();
		assertThat(mentions(other, alice)).as("the same account on another site")
			.isEqualTo(aliceElsewhereBefore)
			.isEqualTo(9);
	}

	@Test
	void noActionLeavesDataAloneAndSchedulesTheNextReportAWeekLater() {
		SimulatedSite site = installedSite("privacy-204");
		String carol = "5be24ad8b1653240376900c1";
		seed(site, carol);

		assertThat(this.reporting.reportDue(this.now)).contains(site.clientKey());

		assertThat(personalDataReporting.reports(site)).hasSize(1);
		assertThat(mentions(site, carol)).isEqualTo(9);
		assertThat(this.reporting.lastReported(site.clientKey())).contains(this.now);
		assertThat(this.reporting.nextReportDue(site.clientKey())).contains(this.now.plus(WEEK));
		assertThat(this.reporting.reportDue(this.now.plus(WEEK).minusSeconds(1))).doesNotContain(site.clientKey());
		assertThat(this.reporting.reportDue(this.now.plus(WEEK))).contains(site.clientKey());
		assertThat(personalDataReporting.reports(site)).hasSize(2);
	}

	@Test
	void rateLimitedReportIsRetriedAfterRetryAfterAndNotBefore() {
		SimulatedSite site = installedSite("privacy-429");
		String dave = "5be24ad8b1653240376900d1";
		seed(site, dave);
		personalDataReporting.answer(site, Reply.rateLimited(120), Reply.statuses(Map.of(dave, "closed")));

		assertThat(this.reporting.reportDue(this.now)).doesNotContain(site.clientKey());
		assertThat(this.reporting.reportDue(this.now.plusSeconds(119))).doesNotContain(site.clientKey());
		assertThat(personalDataReporting.reports(site)).as("no retry before Retry-After").hasSize(1);
		assertThat(mentions(site, dave)).isEqualTo(9);

		assertThat(this.reporting.reportDue(this.now.plusSeconds(120))).contains(site.clientKey());
		assertThat(personalDataReporting.reports(site)).hasSize(2);
		assertThat(mentions(site, dave)).isZero();
	}

	@Test
	void moreThanNinetyAccountsAreReportedInSeveralCalls() {
		SimulatedSite site = installedSite("privacy-many");
		List<String> accounts = new ArrayList<>();
		for (int i = 0; i < 200; i++) {
			String accountId = "5be24ad8b16532403769%04d".formatted(i);
			accounts.add(accountId);
			usage(site, accountId);
		}
		personalDataReporting.answer(site, Reply.noAction(), Reply.statuses(Map.of(accounts.get(150), "closed")));

		this.reporting.reportDue(this.now);

		List<Report> reports = personalDataReporting.reports(site);
		assertThat(reports).extracting(report -> report.accounts().size()).containsExactly(90, 90, 20);
		assertThat(reports.stream().flatMap(report -> report.accounts().keySet().stream()))
			.containsExactlyInAnyOrderElementsOf(accounts);
		assertThat(mentions(site, accounts.get(150))).as("closed in the second batch").isZero();
		assertThat(mentions(site, accounts.get(10))).as("its usage row and its daily token counter").isEqualTo(2);
	}

	@Test
	void longerCyclePeriodIsHonouredAndAShorterOneIsNot() {
		SimulatedSite site = installedSite("privacy-cycle");
		SimulatedSite eager = installedSite("privacy-eager");
		seed(site, "5be24ad8b1653240376900e1");
		seed(eager, "5be24ad8b1653240376900f1");
		personalDataReporting.answer(site, Reply.noAction(14 * 24));
		personalDataReporting.answer(eager, Reply.noAction(24));

		this.reporting.reportDue(this.now);

		assertThat(this.reporting.nextReportDue(site.clientKey())).contains(this.now.plus(Duration.ofDays(14)));
		assertThat(this.reporting.nextReportDue(eager.clientKey())).as("never more often than weekly")
			.contains(this.now.plus(WEEK));
	}

	@Test
	void concurrentRunsReportASiteOnce() throws Exception {
		SimulatedSite site = installedSite("privacy-concurrent");
		seed(site, "5be24ad8b1653240376900a1");
		CyclicBarrier start = new CyclicBarrier(2);
		List<CompletableFuture<List<String>>> runs = List.of(1, 2)
			.stream()
			.map(run -> CompletableFuture.supplyAsync(() -> {
				try {
					start.await();
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
				return this.reporting.reportDue(this.now);
			}))
			.toList();

		List<String> reported = new ArrayList<>();
		for (CompletableFuture<List<String>> run : runs) {
			reported.addAll(run.get());
		}

		assertThat(reported).containsOnlyOnce(site.clientKey());
		assertThat(personalDataReporting.reports(site)).hasSize(1);
	}

	@Test
	void purgedSiteLosesItsReportingSchedule() {
		SimulatedSite site = installedSite("privacy-purged");
		this.reporting.reportDue(this.now);
		assertThat(this.reporting.nextReportDue(site.clientKey())).isPresent();

		site.uninstall(appBaseUrl());
		// The library announces an uninstall asynchronously.
		org.awaitility.Awaitility.await()
			.untilAsserted(() -> assertThat(this.retention.scheduledDeletion(site.clientKey())).isPresent());
		assertThat(this.retention.purgeDue(Instant.now().plus(31, ChronoUnit.DAYS))).contains(site.clientKey());

		assertThat(this.reporting.nextReportDue(site.clientKey())).isEmpty();
	}

	@Test
	void everyColumnHoldingAnAccountIdIsCoveredByErasure() {
		List<String> columns = this.jdbc.sql("""
				SELECT table_name || '.' || column_name FROM information_schema.columns
				WHERE table_schema = current_schema() AND column_name IN ('account_id', 'updated_by', 'revoked_by')
				""").query(String.class).list();

		assertThat(StoredAccounts.ACCOUNT_COLUMNS).containsExactlyInAnyOrderElementsOf(columns);
	}

	/**
	 * One row naming the account in each of the seven places the app keeps account ids.
	 */
	private void seed(SimulatedSite site, String accountId) {
		OffsetDateTime at = OffsetDateTime.now(ZoneOffset.UTC);
		UUID proposal = UUID.randomUUID();
		this.jdbc.sql("""
				INSERT INTO proposal (id, client_key, account_id, feature, kind, payload, state, created_at,
				    expires_at, updated_at)
				VALUES (?, ?, ?, 'draft', 'create-issue', '{}'::jsonb, 'DONE', ?, ?, ?)
				""").params(proposal, site.clientKey(), accountId, at, at.plusHours(1), at).update();
		this.jdbc.sql("""
				INSERT INTO audit_log (client_key, account_id, feature, kind, proposal_id, target, summary, created_at)
				VALUES (?, ?, 'draft', 'create-issue', ?, 'SIM-1', 'Created SIM-1', ?)
				""").params(site.clientKey(), accountId, proposal, at).update();
		this.jdbc.sql("""
				INSERT INTO assessment (id, client_key, issue_id, issue_key, issue_updated, prompt_id, prompt_version,
				    prompt_hash, model, account_id, overall, result, created_at)
				VALUES (?, ?, '10001', 'SIM-1', ?, 'ticket_assessor', 1, 'hash', 'gpt-4o-mini', ?, 70, '{}'::jsonb, ?)
				""").params(UUID.randomUUID(), site.clientKey(), at, accountId, at).update();
		usage(site, accountId);
		this.jdbc.sql("""
				INSERT INTO site_ai_settings (client_key, model, updated_at, updated_by) VALUES (?, 'gpt-4o', ?, ?)
				ON CONFLICT (client_key) DO NOTHING
				""").params(site.clientKey(), at, accountId).update();
		this.jdbc.sql("""
				INSERT INTO prompt_override (client_key, prompt_id, body, updated_at, updated_by)
				VALUES (?, ?, 'Be brief.', ?, ?)
				""").params(site.clientKey(), "ticket_assessor-" + accountId, at, accountId).update();
		this.jdbc.sql("""
				INSERT INTO standup (client_key, account_id, standup_date, time_zone, yesterday, today, blockers,
				    created_at, updated_at)
				VALUES (?, ?, current_date, 'UTC', 'Fixed SIM-1', '', '', ?, ?)
				""").params(site.clientKey(), accountId, at, at).update();
		this.jdbc.sql("INSERT INTO standup_snooze (client_key, account_id, snooze_date) VALUES (?, ?, current_date)")
			.params(site.clientKey(), accountId)
			.update();
	}

	private void usage(SimulatedSite site, String accountId) {
		this.jdbc.sql("""
				INSERT INTO llm_usage (client_key, account_id, feature, model, prompt_tokens, completion_tokens,
				    latency_ms, outcome, created_at)
				VALUES (?, ?, 'assess', 'gpt-4o-mini', 100, 50, 300, 'OK', ?)
				""").params(site.clientKey(), accountId, OffsetDateTime.now(ZoneOffset.UTC)).update();
		for (String counter : List.of("", accountId)) {
			this.jdbc.sql("""
					INSERT INTO llm_usage_daily (client_key, day, account_id, tokens, updated_at)
					VALUES (?, current_date, ?, 150, now())
					ON CONFLICT (client_key, day, account_id) DO UPDATE SET tokens = llm_usage_daily.tokens + 150
					""").params(site.clientKey(), counter).update();
		}
	}

	/**
	 * How many rows of the site name the account, over every table that holds account
	 * ids.
	 */
	private long mentions(SimulatedSite site, String accountId) {
		long total = 0;
		for (String column : StoredAccounts.ACCOUNT_COLUMNS) {
			String table = column.substring(0, column.indexOf('.'));
			String name = column.substring(column.indexOf('.') + 1);
			total += this.jdbc.sql("SELECT count(*) FROM %s WHERE client_key = ? AND %s = ?".formatted(table, name))
				.params(site.clientKey(), accountId)
				.query(Long.class)
				.single();
		}
		return total;
	}

	private long count(String sql, SimulatedSite site) {
		return this.jdbc.sql(sql).param(site.clientKey()).query(Long.class).single();
	}

}

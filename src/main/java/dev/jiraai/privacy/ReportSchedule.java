package dev.jiraai.privacy;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import dev.jiraai.tenancy.SiteDataPurgeDue;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * When each site is due for its next report ({@code personal_data_report}), and the claim
 * that lets one instance of the app, among several on one database, report a site while
 * the others skip it.
 */
@Component
class ReportSchedule {

	private final JdbcClient jdbc;

	ReportSchedule(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Gives every installed site without a schedule one that is due now. */
	@Transactional
	void scheduleNewSites(Instant now) {
		this.jdbc.sql("""
				INSERT INTO personal_data_report (client_key, next_due_at)
				SELECT client_key, ? FROM atlassian_host WHERE addon_installed
				ON CONFLICT (client_key) DO NOTHING
				""").param(utc(now)).update();
	}

	/**
	 * Claims one installed site that is due and that no other instance holds, until
	 * {@code claimedUntil}.
	 * @return the client key of the claimed site, or empty when none is due
	 */
	@Transactional
	Optional<String> claimNextDue(Instant now, Instant claimedUntil) {
		// SKIP LOCKED: a concurrent claimer passes over the row this one is taking; the
		// claimed_until condition keeps it away once this claim is committed.
		return this.jdbc.sql("""
				UPDATE personal_data_report SET claimed_until = :until
				WHERE client_key = (
				    SELECT r.client_key FROM personal_data_report r
				    JOIN atlassian_host h ON h.client_key = r.client_key AND h.addon_installed
				    WHERE r.next_due_at <= :now AND (r.claimed_until IS NULL OR r.claimed_until <= :now)
				    ORDER BY r.next_due_at
				    LIMIT 1
				    FOR UPDATE OF r SKIP LOCKED)
				RETURNING client_key
				""").param("now", utc(now)).param("until", utc(claimedUntil)).query(String.class).optional();
	}

	/** Records a finished report and releases the claim. */
	@Transactional
	void reported(String clientKey, Instant at, Instant nextDue) {
		this.jdbc.sql("""
				UPDATE personal_data_report SET last_reported_at = ?, next_due_at = ?, claimed_until = NULL
				WHERE client_key = ?
				""").params(utc(at), utc(nextDue), clientKey).update();
	}

	/**
	 * Moves the next report to {@code nextDue} without recording one, and releases the
	 * claim.
	 */
	@Transactional
	void postpone(String clientKey, Instant nextDue) {
		this.jdbc.sql("UPDATE personal_data_report SET next_due_at = ?, claimed_until = NULL WHERE client_key = ?")
			.params(utc(nextDue), clientKey)
			.update();
	}

	/** When the site is next due for a report, if it has a schedule. */
	Optional<Instant> nextDue(String clientKey) {
		return this.jdbc.sql("SELECT next_due_at FROM personal_data_report WHERE client_key = ?")
			.param(clientKey)
			.query(OffsetDateTime.class)
			.optional()
			.map(OffsetDateTime::toInstant);
	}

	/** When the site was last reported, if ever. */
	Optional<Instant> lastReported(String clientKey) {
		return this.jdbc.sql("SELECT last_reported_at FROM personal_data_report WHERE client_key = ?")
			.param(clientKey)
			.query((rs, row) -> Optional.ofNullable(rs.getObject(1, OffsetDateTime.class)))
			.optional()
			.flatMap(at -> at.map(OffsetDateTime::toInstant));
	}

	@EventListener
	void on(SiteDataPurgeDue event) {
		this.jdbc.sql("DELETE FROM personal_data_report WHERE client_key = ?").param(event.clientKey()).update();
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

}

package dev.jiraai.standup;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jiraai.tenancy.SiteDataPurgeDue;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The {@code standup} and {@code standup_snooze} rows of a site: every query takes the
 * site's client key.
 */
@Component
class StandupStore {

	private static final ObjectMapper json = new ObjectMapper();

	private static final String COLUMNS = "account_id, standup_date, yesterday, today, blockers, issue_keys::text, "
			+ "created_at, updated_at";

	private final JdbcClient jdbc;

	StandupStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** A saved stand-up with the account it belongs to. */
	record Saved(String accountId, Standup standup) {
	}

	/**
	 * Saves the user's stand-up of a date, replacing the one saved earlier that day (its
	 * creation time is kept).
	 */
	Standup save(String clientKey, String accountId, ZoneId zone, Standup standup, Instant now) {
		this.jdbc.sql("""
				INSERT INTO standup (client_key, account_id, standup_date, time_zone, yesterday, today, blockers,
				    issue_keys, created_at, updated_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?)
				ON CONFLICT (client_key, account_id, standup_date) DO UPDATE SET time_zone = EXCLUDED.time_zone,
				    yesterday = EXCLUDED.yesterday, today = EXCLUDED.today, blockers = EXCLUDED.blockers,
				    issue_keys = EXCLUDED.issue_keys, updated_at = EXCLUDED.updated_at
				""")
			.params(clientKey, accountId, standup.date(), zone.getId(), standup.yesterday(), standup.today(),
					standup.blockers(), write(standup.issueKeys()), utc(now), utc(now))
			.update();
		return find(clientKey, accountId, standup.date()).orElseThrow();
	}

	Optional<Standup> find(String clientKey, String accountId, LocalDate date) {
		return this.jdbc
			.sql("SELECT " + COLUMNS + " FROM standup WHERE client_key = ? AND account_id = ? AND standup_date = ?")
			.params(clientKey, accountId, date)
			.query((rs, row) -> standup(rs))
			.optional();
	}

	/** The user's stand-ups, newest date first. */
	List<Standup> history(String clientKey, String accountId, int limit) {
		return this.jdbc
			.sql("SELECT " + COLUMNS + " FROM standup WHERE client_key = ? AND account_id = ? "
					+ "ORDER BY standup_date DESC LIMIT ?")
			.params(clientKey, accountId, limit)
			.query((rs, row) -> standup(rs))
			.list();
	}

	/** Every stand-up of a site on a date, oldest first. */
	List<Saved> ofDate(String clientKey, LocalDate date) {
		return this.jdbc
			.sql("SELECT " + COLUMNS + " FROM standup WHERE client_key = ? AND standup_date = ? ORDER BY created_at")
			.params(clientKey, date)
			.query((rs, row) -> new Saved(rs.getString("account_id"), standup(rs)))
			.list();
	}

	void snooze(String clientKey, String accountId, LocalDate date) {
		this.jdbc.sql("""
				INSERT INTO standup_snooze (client_key, account_id, snooze_date) VALUES (?, ?, ?)
				ON CONFLICT DO NOTHING
				""").params(clientKey, accountId, date).update();
	}

	boolean snoozed(String clientKey, String accountId, LocalDate date) {
		return this.jdbc.sql("SELECT 1 FROM standup_snooze WHERE client_key = ? AND account_id = ? AND snooze_date = ?")
			.params(clientKey, accountId, date)
			.query(Integer.class)
			.optional()
			.isPresent();
	}

	@EventListener
	void on(SiteDataPurgeDue event) {
		this.jdbc.sql("DELETE FROM standup WHERE client_key = ?").param(event.clientKey()).update();
		this.jdbc.sql("DELETE FROM standup_snooze WHERE client_key = ?").param(event.clientKey()).update();
	}

	private static Standup standup(ResultSet rs) throws SQLException {
		return new Standup(rs.getObject("standup_date", LocalDate.class), rs.getString("yesterday"),
				rs.getString("today"), rs.getString("blockers"), read(rs.getString("issue_keys")),
				rs.getObject("created_at", OffsetDateTime.class).toInstant(),
				rs.getObject("updated_at", OffsetDateTime.class).toInstant());
	}

	private static String write(List<String> keys) {
		try {
			return json.writeValueAsString(keys);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static List<String> read(String keys) {
		try {
			return json.readValue(keys, new TypeReference<List<String>>() {
			});
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("A stored stand-up's issue keys are not a JSON array", ex);
		}
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

}

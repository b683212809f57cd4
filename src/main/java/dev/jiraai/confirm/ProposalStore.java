package dev.jiraai.confirm;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jiraai.tenancy.SiteDataPurgeDue;
import dev.jiraai.tenancy.SiteUser;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The {@code proposal} table: every read and write of a proposal's row, each one scoped
 * to the site and user it belongs to, and each state change a single conditional update,
 * so that concurrent confirms, a reconciler on another instance and an expiry never both
 * win. Which changes are allowed when is the workflow's ({@link Proposals}); this only
 * makes each one atomic.
 */
@Component
class ProposalStore {

	private final JdbcClient jdbc;

	private final ObjectMapper json;

	ProposalStore(JdbcClient jdbc, ObjectMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	void insert(UUID id, SiteUser user, String feature, String kind, JsonNode payload, Instant now, Instant expiresAt) {
		this.jdbc.sql("""
				INSERT INTO proposal (id, client_key, account_id, feature, kind, payload, state, created_at, expires_at,
				    updated_at)
				VALUES (?, ?, ?, ?, ?, ?::jsonb, 'PENDING', ?, ?, ?)
				""")
			.params(id, user.site().clientKey(), user.accountId(), feature, kind, write(payload), utc(now),
					utc(expiresAt), utc(now))
			.update();
	}

	/** A proposal of the user on their site, if there is one. */
	Optional<Proposal> find(SiteUser user, UUID id) {
		return this.jdbc.sql("SELECT * FROM proposal WHERE id = ? AND client_key = ? AND account_id = ?")
			.params(id, user.site().clientKey(), user.accountId())
			.query(this::proposal)
			.optional();
	}

	/**
	 * Replaces the payload of a proposal still pending and not expired.
	 * @return whether it was
	 */
	boolean replacePayload(SiteUser user, UUID id, JsonNode payload, Instant now) {
		return this.jdbc.sql("""
				UPDATE proposal SET payload = ?::jsonb, updated_at = ?
				WHERE id = ? AND client_key = ? AND account_id = ? AND state = 'PENDING' AND expires_at > ?
				""")
			.params(write(payload), utc(now), id, user.site().clientKey(), user.accountId(), utc(now))
			.update() > 0;
	}

	/**
	 * Claims a confirmable proposal for one attempt: only one of concurrent claims gets
	 * it.
	 * @return the attempt's number, or empty when the proposal was not confirmable
	 */
	Optional<Integer> claim(SiteUser user, UUID id, Instant now) {
		return this.jdbc.sql("""
				UPDATE proposal SET state = 'EXECUTING', attempts = attempts + 1, updated_at = ?
				WHERE id = ? AND client_key = ? AND account_id = ? AND state IN ('PENDING', 'FAILED', 'PARTIAL')
				    AND expires_at > ?
				RETURNING attempts
				""")
			.params(utc(now), id, user.site().clientKey(), user.accountId(), utc(now))
			.query(Integer.class)
			.optional();
	}

	/**
	 * Records where an attempt left a proposal, while it is still that attempt's (a
	 * reconciler may have settled it).
	 * @return whether the attempt still owned it
	 */
	boolean settle(UUID id, int attemptNumber, Proposal.State state, JsonNode result, String error, Instant now) {
		return this.jdbc.sql("""
				UPDATE proposal SET state = ?, result = ?::jsonb, error = ?, updated_at = ?
				WHERE id = ? AND state = 'EXECUTING' AND attempts = ?
				""").params(state.name(), write(result), error, utc(now), id, attemptNumber).update() > 0;
	}

	/**
	 * Records what the reconciler found, while the proposal is still in the state it was
	 * claimed in.
	 * @return whether it was
	 */
	boolean reconciled(UUID id, Proposal.State from, Proposal.State to, JsonNode result, String error, Instant now) {
		return this.jdbc.sql(
				"UPDATE proposal SET state = ?, result = ?::jsonb, error = ?, updated_at = ? WHERE id = ? AND state = ?")
			.params(to.name(), write(result), error, utc(now), id, from.name())
			.update() > 0;
	}

	/**
	 * Rejects a proposal the user may still say no to.
	 * @return whether it was one
	 */
	boolean reject(SiteUser user, UUID id, Instant now) {
		return this.jdbc.sql("""
				UPDATE proposal SET state = 'REJECTED', updated_at = ?
				WHERE id = ? AND client_key = ? AND account_id = ? AND state IN ('PENDING', 'FAILED')
				""").params(utc(now), id, user.site().clientKey(), user.accountId()).update() > 0;
	}

	/** Marks one proposal expired, if it is still pending. */
	void expire(UUID id, Instant now) {
		this.jdbc.sql("UPDATE proposal SET state = 'EXPIRED', updated_at = ? WHERE id = ? AND state = 'PENDING'")
			.params(utc(now), id)
			.update();
	}

	/**
	 * Marks every pending proposal past its expiry expired.
	 * @return how many
	 */
	int expireAllDue(Instant now) {
		return this.jdbc.sql("""
				UPDATE proposal SET state = 'EXPIRED', updated_at = ? WHERE state = 'PENDING' AND expires_at <= ?
				""").params(utc(now), utc(now)).update();
	}

	/** The proposals of a user, newest first, whose kind starts with the prefix. */
	List<Proposal> recent(SiteUser user, String kindPrefix, int limit) {
		return this.jdbc.sql("""
				SELECT * FROM proposal WHERE client_key = ? AND account_id = ? AND kind LIKE ?
				ORDER BY created_at DESC LIMIT ?
				""")
			.params(user.site().clientKey(), user.accountId(), kindPrefix + "%", limit)
			.query(this::proposal)
			.list();
	}

	/**
	 * Claims, for one reconciler run, the proposals whose outcome nobody knows: executing
	 * past its lease, or uncertain for longer than the recheck delay. Their lease moves
	 * on, so other instances skip them until they are due again. Runs in the caller's
	 * transaction ({@code FOR UPDATE SKIP LOCKED}).
	 */
	List<Claimed> claimUnsettled(Instant executingBefore, Instant uncertainBefore, int limit, Instant now) {
		List<Claimed> due = this.jdbc.sql("""
				SELECT * FROM proposal
				WHERE (state = 'EXECUTING' AND updated_at <= ?) OR (state = 'UNCERTAIN' AND updated_at <= ?)
				ORDER BY updated_at LIMIT ? FOR UPDATE SKIP LOCKED
				""")
			.params(utc(executingBefore), utc(uncertainBefore), limit)
			.query((rs, row) -> new Claimed(proposal(rs, row), rs.getString("client_key"), rs.getString("account_id"),
					rs.getInt("attempts")))
			.list();
		due.forEach(claimed -> this.jdbc.sql("UPDATE proposal SET updated_at = ? WHERE id = ?")
			.params(utc(now), claimed.proposal().id())
			.update());
		return due;
	}

	/**
	 * A proposal a reconciler run claimed, with whose it is and how often it was tried.
	 */
	record Claimed(Proposal proposal, String clientKey, String accountId, int attempts) {
	}

	@EventListener
	void on(SiteDataPurgeDue event) {
		this.jdbc.sql("DELETE FROM proposal WHERE client_key = ?").param(event.clientKey()).update();
	}

	private Proposal proposal(ResultSet rs, int row) throws SQLException {
		return new Proposal(rs.getObject("id", UUID.class), rs.getString("feature"), rs.getString("kind"),
				read(rs.getString("payload")), Proposal.State.valueOf(rs.getString("state")),
				read(rs.getString("result")), rs.getString("error"), rs.getTimestamp("created_at").toInstant(),
				rs.getTimestamp("expires_at").toInstant());
	}

	private String write(JsonNode node) {
		if (node == null) {
			return null;
		}
		try {
			return this.json.writeValueAsString(node);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private JsonNode read(String text) {
		if (text == null) {
			return null;
		}
		try {
			return this.json.readTree(text);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

}

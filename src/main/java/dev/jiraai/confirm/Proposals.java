package dev.jiraai.confirm;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jiraai.tenancy.SiteDataPurgeDue;
import dev.jiraai.tenancy.SiteUser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Stores proposals and carries them out once on confirmation.
 * <p>
 * Confirming moves the state from PENDING to EXECUTING with one conditional update (same
 * site, same user, still pending, not expired): of concurrent confirms exactly one wins
 * and writes; the others wait for its outcome and return the same result. What is written
 * is always the stored payload, never anything from the confirm request. Proposals live
 * in PostgreSQL, so they survive restarts; they expire after
 * {@code jira-ai.proposals.ttl}.
 */
@Service
public class Proposals {

	private static final Logger logger = LoggerFactory.getLogger(Proposals.class);

	private static final Duration WAIT_STEP = Duration.ofMillis(50);

	private static final Duration MAX_WAIT = Duration.ofSeconds(60);

	private static final Duration STUCK_AFTER = Duration.ofMinutes(10);

	private final JdbcClient jdbc;

	private final ObjectMapper json;

	private final Map<String, ProposalHandler> handlers;

	private final Duration ttl;

	private final Clock clock;

	Proposals(JdbcClient jdbc, ObjectMapper json, List<ProposalHandler> handlers,
			@Value("${jira-ai.proposals.ttl:PT24H}") Duration ttl, Optional<Clock> clock) {
		this.jdbc = jdbc;
		this.json = json;
		this.handlers = handlers.stream().collect(Collectors.toMap(ProposalHandler::kind, Function.identity()));
		this.ttl = ttl;
		this.clock = clock.orElseGet(Clock::systemUTC);
	}

	/**
	 * Stores a proposal for the user to confirm. The payload comes from the feature, not
	 * the user; it is validated when the user edits it and again right before it is
	 * carried out.
	 * @throws IllegalArgumentException when no handler carries out this kind
	 */
	public Proposal propose(SiteUser user, String feature, String kind, JsonNode payload) {
		handler(kind);
		UUID id = UUID.randomUUID();
		Instant now = this.clock.instant();
		this.jdbc.sql("""
				INSERT INTO proposal (id, client_key, account_id, feature, kind, payload, state, created_at, expires_at,
				    updated_at)
				VALUES (?, ?, ?, ?, ?, ?::jsonb, 'PENDING', ?, ?, ?)
				""")
			.params(id, user.site().clientKey(), user.accountId(), feature, kind, write(payload), utc(now),
					utc(now.plus(this.ttl)), utc(now))
			.update();
		return get(user, id);
	}

	/**
	 * A proposal of the user on their site.
	 * @throws ProposalException when there is none (another user's or site's proposal is
	 * not found either)
	 */
	public Proposal get(SiteUser user, UUID id) {
		return this.jdbc.sql("SELECT * FROM proposal WHERE id = ? AND client_key = ? AND account_id = ?")
			.params(id, user.site().clientKey(), user.accountId())
			.query(this::proposal)
			.optional()
			.orElseThrow(() -> ProposalException.notFound(id));
	}

	/**
	 * Replaces the payload of a pending proposal with the user's edit, validated again.
	 * @throws ProposalException when it is not pending
	 */
	public Proposal edit(SiteUser user, UUID id, JsonNode payload) {
		Proposal current = get(user, id);
		handler(current.kind()).validate(user, payload);
		int updated = this.jdbc.sql("""
				UPDATE proposal SET payload = ?::jsonb, updated_at = ?
				WHERE id = ? AND client_key = ? AND account_id = ? AND state = 'PENDING' AND expires_at > ?
				""")
			.params(write(payload), utc(this.clock.instant()), id, user.site().clientKey(), user.accountId(),
					utc(this.clock.instant()))
			.update();
		if (updated == 0) {
			throw ProposalException.notPending(id, expireIfDue(get(user, id)).state());
		}
		return get(user, id);
	}

	/**
	 * Carries out the stored payload once, as the user; a repeated or concurrent confirm
	 * returns the first result.
	 * @throws ProposalException when it is unknown, rejected, expired or failed
	 */
	public Proposal confirm(SiteUser user, UUID id) {
		Proposal pending = get(user, id);
		if (pending.state() == Proposal.State.PENDING) {
			// Checked before claiming: a payload Jira would refuse stays pending, so the
			// user can fix and retry.
			handler(pending.kind()).validate(user, pending.payload());
		}
		Instant now = this.clock.instant();
		int claimed = this.jdbc.sql("""
				UPDATE proposal SET state = 'EXECUTING', updated_at = ?
				WHERE id = ? AND client_key = ? AND account_id = ? AND state = 'PENDING' AND expires_at > ?
				""").params(utc(now), id, user.site().clientKey(), user.accountId(), utc(now)).update();
		if (claimed == 1) {
			return execute(user, get(user, id));
		}
		Proposal proposal = expireIfDue(get(user, id));
		return switch (proposal.state()) {
			case DONE -> proposal;
			case EXECUTING -> awaitOutcome(user, id);
			default -> throw ProposalException.notPending(id, proposal.state());
		};
	}

	/**
	 * Rejects a pending proposal; nothing is written.
	 * @throws ProposalException when it is not pending
	 */
	public Proposal reject(SiteUser user, UUID id) {
		int updated = this.jdbc.sql("""
				UPDATE proposal SET state = 'REJECTED', updated_at = ?
				WHERE id = ? AND client_key = ? AND account_id = ? AND state = 'PENDING'
				""").params(utc(this.clock.instant()), id, user.site().clientKey(), user.accountId()).update();
		Proposal proposal = get(user, id);
		if (updated == 0 && proposal.state() != Proposal.State.REJECTED) {
			throw ProposalException.notPending(id, proposal.state());
		}
		return proposal;
	}

	/** The proposals of a user, newest first, optionally of one kind. */
	public List<Proposal> recent(SiteUser user, String kindPrefix, int limit) {
		return this.jdbc.sql("""
				SELECT * FROM proposal WHERE client_key = ? AND account_id = ? AND kind LIKE ?
				ORDER BY created_at DESC LIMIT ?
				""")
			.params(user.site().clientKey(), user.accountId(), kindPrefix + "%", limit)
			.query(this::proposal)
			.list();
	}

	private Proposal execute(SiteUser user, Proposal proposal) {
		ProposalHandler handler = handler(proposal.kind());
		try {
			ProposalHandler.Outcome outcome = handler.execute(user, proposal.payload());
			Instant now = this.clock.instant();
			this.jdbc.sql("UPDATE proposal SET state = 'DONE', result = ?::jsonb, updated_at = ? WHERE id = ?")
				.params(write(outcome.result()), utc(now), proposal.id())
				.update();
			this.jdbc.sql("""
					INSERT INTO audit_log (client_key, account_id, feature, kind, proposal_id, target, summary,
					    created_at)
					VALUES (?, ?, ?, ?, ?, ?, ?, ?)
					""")
				.params(user.site().clientKey(), user.accountId(), proposal.feature(), proposal.kind(), proposal.id(),
						outcome.target(), outcome.summary(), utc(now))
				.update();
			logger.info("Proposal {} ({}) carried out for {} on {}: {}", proposal.id(), proposal.kind(),
					user.accountId(), user.site().clientKey(), outcome.summary());
			return get(user, proposal.id());
		}
		catch (RuntimeException ex) {
			this.jdbc.sql("UPDATE proposal SET state = 'FAILED', error = ?, updated_at = ? WHERE id = ?")
				.params(String.valueOf(ex.getMessage()), utc(this.clock.instant()), proposal.id())
				.update();
			throw ex;
		}
	}

	/**
	 * A concurrent confirm is carrying the proposal out: wait for its outcome and share
	 * it.
	 */
	private Proposal awaitOutcome(SiteUser user, UUID id) {
		long deadline = System.nanoTime() + MAX_WAIT.toNanos();
		while (System.nanoTime() < deadline) {
			Proposal proposal = get(user, id);
			if (proposal.state() == Proposal.State.DONE) {
				return proposal;
			}
			if (proposal.state() != Proposal.State.EXECUTING) {
				throw ProposalException.notPending(id, proposal.state());
			}
			try {
				Thread.sleep(WAIT_STEP);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		throw ProposalException.notPending(id, Proposal.State.EXECUTING);
	}

	private Proposal expireIfDue(Proposal proposal) {
		if (proposal.state() == Proposal.State.PENDING && !proposal.expiresAt().isAfter(this.clock.instant())) {
			this.jdbc.sql("UPDATE proposal SET state = 'EXPIRED', updated_at = ? WHERE id = ? AND state = 'PENDING'")
				.params(utc(this.clock.instant()), proposal.id())
				.update();
			return new Proposal(proposal.id(), proposal.feature(), proposal.kind(), proposal.payload(),
					Proposal.State.EXPIRED, null, null, proposal.createdAt(), proposal.expiresAt());
		}
		return proposal;
	}

	/**
	 * Marks expired proposals, and ones a crash left executing, so their state tells the
	 * truth.
	 */
	@Scheduled(fixedDelayString = "${jira-ai.proposals.sweep-interval:PT5M}", initialDelayString = "PT1M")
	void sweep() {
		Instant now = this.clock.instant();
		int expired = this.jdbc.sql("""
				UPDATE proposal SET state = 'EXPIRED', updated_at = ? WHERE state = 'PENDING' AND expires_at <= ?
				""").params(utc(now), utc(now)).update();
		int stuck = this.jdbc.sql("""
				UPDATE proposal SET state = 'FAILED', error = 'Interrupted while being carried out; check the issue',
				    updated_at = ? WHERE state = 'EXECUTING' AND updated_at <= ?
				""").params(utc(now), utc(now.minus(STUCK_AFTER))).update();
		if (expired + stuck > 0) {
			logger.info("Proposals: {} expired, {} interrupted ones marked failed", expired, stuck);
		}
	}

	@EventListener
	void on(SiteDataPurgeDue event) {
		this.jdbc.sql("DELETE FROM proposal WHERE client_key = ?").param(event.clientKey()).update();
		this.jdbc.sql("DELETE FROM audit_log WHERE client_key = ?").param(event.clientKey()).update();
	}

	private ProposalHandler handler(String kind) {
		ProposalHandler handler = this.handlers.get(kind);
		if (handler == null) {
			throw new IllegalArgumentException("No handler for proposals of kind '%s'".formatted(kind));
		}
		return handler;
	}

	private Proposal proposal(ResultSet rs, int row) throws SQLException {
		return new Proposal(rs.getObject("id", UUID.class), rs.getString("feature"), rs.getString("kind"),
				read(rs.getString("payload")), Proposal.State.valueOf(rs.getString("state")),
				read(rs.getString("result")), rs.getString("error"), rs.getTimestamp("created_at").toInstant(),
				rs.getTimestamp("expires_at").toInstant());
	}

	private String write(JsonNode node) {
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

	private static java.time.OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

}

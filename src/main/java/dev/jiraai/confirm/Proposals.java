package dev.jiraai.confirm;

import java.net.URI;
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
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jiraai.jira.JiraException;
import dev.jiraai.tenancy.SiteDataPurgeDue;
import dev.jiraai.tenancy.SiteUser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores proposals and carries them out once on confirmation.
 * <p>
 * Confirming moves the state from PENDING (or FAILED / PARTIAL, to try again) to
 * EXECUTING with one conditional update (same site, same user, confirmable, not expired):
 * of concurrent confirms exactly one wins and writes; the others wait for its outcome and
 * return the same result. What is written is always the stored payload, never anything
 * from the confirm request. Every attempt stamps its writes with request ids that stay
 * the same across attempts ({@link ProposalHandler.Attempt}), so a retry, or the
 * {@link ProposalReconciler} after a crash or a lost answer, finds what was written
 * instead of writing it again. The new state and its audit row commit together. Proposals
 * live in PostgreSQL, so they survive restarts; they expire after
 * {@code jira-ai.proposals.ttl}.
 */
@Service
public class Proposals {

	private static final Logger logger = LoggerFactory.getLogger(Proposals.class);

	private static final Duration WAIT_STEP = Duration.ofMillis(50);

	private static final Duration MAX_WAIT = Duration.ofSeconds(60);

	private final JdbcClient jdbc;

	private final ObjectMapper json;

	private final Map<String, ProposalHandler> handlers;

	private final Duration ttl;

	private final Clock clock;

	private final TransactionTemplate transactions;

	Proposals(JdbcClient jdbc, ObjectMapper json, List<ProposalHandler> handlers,
			@Value("${jira-ai.proposals.ttl:PT24H}") Duration ttl, Optional<Clock> clock,
			PlatformTransactionManager transactionManager) {
		this.transactions = new TransactionTemplate(transactionManager);
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
	 * returns the first result. A failed or partly written proposal is carried out again,
	 * only for what is not written yet.
	 * @throws ProposalException when it is unknown, rejected or expired, or when Jira may
	 * have carried it out without saying so
	 */
	public Proposal confirm(SiteUser user, UUID id) {
		Proposal current = get(user, id);
		if (current.state().confirmable()) {
			// Checked before claiming: a payload Jira would refuse stays confirmable, so
			// the
			// user can fix and retry.
			handler(current.kind()).validate(user, current.payload());
		}
		Instant now = this.clock.instant();
		Optional<Integer> attempt = this.jdbc.sql("""
				UPDATE proposal SET state = 'EXECUTING', attempts = attempts + 1, updated_at = ?
				WHERE id = ? AND client_key = ? AND account_id = ? AND state IN ('PENDING', 'FAILED', 'PARTIAL')
				    AND expires_at > ?
				RETURNING attempts
				""")
			.params(utc(now), id, user.site().clientKey(), user.accountId(), utc(now))
			.query(Integer.class)
			.optional();
		if (attempt.isPresent()) {
			return execute(user, current, attempt.get());
		}
		return settled(user, expireIfDue(get(user, id)));
	}

	/** The answer to a confirm that found the proposal already carried out (or not). */
	private Proposal settled(SiteUser user, Proposal proposal) {
		return switch (proposal.state()) {
			case DONE, PARTIAL -> proposal;
			case EXECUTING -> awaitOutcome(user, proposal.id());
			case UNCERTAIN -> throw ProposalException.uncertain(proposal.id(), checkUrl(proposal));
			default -> throw ProposalException.notPending(proposal.id(), proposal.state());
		};
	}

	/**
	 * Rejects a pending proposal; nothing is written.
	 * @throws ProposalException when it is not pending
	 */
	public Proposal reject(SiteUser user, UUID id) {
		int updated = this.jdbc.sql("""
				UPDATE proposal SET state = 'REJECTED', updated_at = ?
				WHERE id = ? AND client_key = ? AND account_id = ? AND state IN ('PENDING', 'FAILED')
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

	private Proposal execute(SiteUser user, Proposal proposal, int attemptNumber) {
		ProposalHandler handler = handler(proposal.kind());
		ProposalHandler.Attempt attempt = new ProposalHandler.Attempt(proposal.id(), attemptNumber,
				proposal.state() == Proposal.State.PARTIAL ? proposal.result() : null);
		ProposalHandler.Outcome outcome;
		try {
			outcome = handler.execute(user, proposal.payload(), attempt);
		}
		catch (JiraException.OutcomeUnknown ex) {
			ObjectNode result = this.json.createObjectNode().put("checkUrl", ex.checkUrl().toString());
			outcome = new ProposalHandler.Outcome(ProposalHandler.Status.UNKNOWN, result, null, ex.getMessage());
		}
		catch (RuntimeException ex) {
			// Nothing more was written: confirmable again, with what earlier attempts
			// wrote.
			Proposal.State back = (attempt.previous() != null) ? Proposal.State.PARTIAL : Proposal.State.FAILED;
			settle(proposal, user.accountId(), attemptNumber, back, attempt.previous(), String.valueOf(ex.getMessage()),
					null, "failed", "Could not carry out %s".formatted(proposal.kind()));
			throw ex;
		}
		Proposal.State state = switch (outcome.status()) {
			case DONE -> Proposal.State.DONE;
			case PARTIAL -> Proposal.State.PARTIAL;
			case NOTHING_WRITTEN -> Proposal.State.FAILED;
			case UNKNOWN -> Proposal.State.UNCERTAIN;
		};
		settle(proposal, user.accountId(), attemptNumber, state, outcome.result(),
				state == Proposal.State.DONE ? null : outcome.summary(), outcome.target(), state.name().toLowerCase(),
				outcome.summary());
		logger.info("Proposal {} ({}) for {} on {}: {} ({})", proposal.id(), proposal.kind(), user.accountId(),
				user.site().clientKey(), state, outcome.summary());
		return settled(user, get(user, proposal.id()));
	}

	/**
	 * Records where an attempt left the proposal, and its audit row, in one transaction;
	 * only while the proposal is still this attempt's (a reconciler may have settled it).
	 * @return whether the attempt still owned the proposal
	 */
	private boolean settle(Proposal proposal, String accountId, int attemptNumber, Proposal.State state,
			JsonNode result, String error, String target, String auditOutcome, String summary) {
		Instant now = this.clock.instant();
		Boolean settled = this.transactions.execute(status -> {
			int updated = this.jdbc.sql("""
					UPDATE proposal SET state = ?, result = ?::jsonb, error = ?, updated_at = ?
					WHERE id = ? AND state = 'EXECUTING' AND attempts = ?
					""")
				.params(state.name(), result == null ? null : write(result), error, utc(now), proposal.id(),
						attemptNumber)
				.update();
			if (updated == 0) {
				return false;
			}
			audit(proposal, accountId, target, auditOutcome, summary, error, now);
			return true;
		});
		return Boolean.TRUE.equals(settled);
	}

	/**
	 * Records what the reconciler found, with its audit row, in one transaction; only
	 * while the proposal is still in the state it was claimed in.
	 */
	boolean reconciled(Proposal proposal, String accountId, Proposal.State from, Proposal.State to, JsonNode result,
			String error, String target, String summary) {
		Instant now = this.clock.instant();
		Boolean recorded = this.transactions.execute(status -> {
			int updated = this.jdbc.sql(
					"UPDATE proposal SET state = ?, result = ?::jsonb, error = ?, updated_at = ? WHERE id = ? AND state = ?")
				.params(to.name(), result == null ? null : write(result), error, utc(now), proposal.id(), from.name())
				.update();
			if (updated == 0) {
				return false;
			}
			audit(proposal, accountId, target, to.name().toLowerCase(), summary, error, now);
			return true;
		});
		return Boolean.TRUE.equals(recorded);
	}

	private void audit(Proposal proposal, String accountId, String target, String outcome, String summary, String error,
			Instant at) {
		this.jdbc.sql("""
				INSERT INTO audit_log (client_key, account_id, feature, kind, proposal_id, target, summary, outcome,
				    error, created_at)
				SELECT client_key, ?, feature, kind, id, ?, ?, ?, ?, ? FROM proposal WHERE id = ?
				""").params(accountId, target, summary, outcome, error, utc(at), proposal.id()).update();
	}

	private static URI checkUrl(Proposal proposal) {
		String url = (proposal.result() == null) ? "" : proposal.result().path("checkUrl").asText("");
		return url.isEmpty() ? URI.create("about:blank") : URI.create(url);
	}

	/**
	 * A concurrent confirm is carrying the proposal out: wait for its outcome and share
	 * it.
	 */
	private Proposal awaitOutcome(SiteUser user, UUID id) {
		long deadline = System.nanoTime() + MAX_WAIT.toNanos();
		while (System.nanoTime() < deadline) {
			Proposal proposal = get(user, id);
			if (proposal.state() != Proposal.State.EXECUTING) {
				return settled(user, proposal);
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
	 * Marks expired proposals so their state tells the truth; ones a crash left executing
	 * are for the {@link ProposalReconciler}.
	 */
	@Scheduled(fixedDelayString = "${jira-ai.proposals.sweep-interval:PT5M}", initialDelayString = "PT1M")
	void sweep() {
		Instant now = this.clock.instant();
		int expired = this.jdbc.sql("""
				UPDATE proposal SET state = 'EXPIRED', updated_at = ? WHERE state = 'PENDING' AND expires_at <= ?
				""").params(utc(now), utc(now)).update();
		if (expired > 0) {
			logger.info("Proposals: {} expired", expired);
		}
	}

	@EventListener
	void on(SiteDataPurgeDue event) {
		this.jdbc.sql("DELETE FROM proposal WHERE client_key = ?").param(event.clientKey()).update();
		this.jdbc.sql("DELETE FROM audit_log WHERE client_key = ?").param(event.clientKey()).update();
	}

	ProposalHandler handler(String kind) {
		ProposalHandler handler = this.handlers.get(kind);
		if (handler == null) {
			throw new IllegalArgumentException("No handler for proposals of kind '%s'".formatted(kind));
		}
		return handler;
	}

	Proposal proposal(ResultSet rs, int row) throws SQLException {
		return new Proposal(rs.getObject("id", UUID.class), rs.getString("feature"), rs.getString("kind"),
				read(rs.getString("payload")), Proposal.State.valueOf(rs.getString("state")),
				read(rs.getString("result")), rs.getString("error"), rs.getTimestamp("created_at").toInstant(),
				rs.getTimestamp("expires_at").toInstant());
	}

	String write(JsonNode node) {
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

	static java.time.OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

}

package dev.jiraai.confirm;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jiraai.jira.JiraException;
import dev.jiraai.tenancy.Site;
import dev.jiraai.tenancy.SiteUser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The life of a proposal: proposed, edited, confirmed and carried out once, rejected, or
 * expired.
 * <p>
 * Confirming moves the state from PENDING (or FAILED / PARTIAL, to try again) to
 * EXECUTING with one conditional update (same site, same user, confirmable, not expired):
 * of concurrent confirms exactly one wins and writes; the others wait for its outcome and
 * return the same result. What is written is always the stored payload, read into its
 * handler's record, never anything from the confirm request. Every attempt stamps its
 * writes with request ids that stay the same across attempts
 * ({@link ProposalHandler.Attempt}), so a retry, or the {@link ProposalReconciler} after
 * a crash or a lost answer, finds what was written instead of writing it again. The new
 * state is recorded with a {@link ProposalCarriedOut} event in one transaction (the audit
 * log listens). Proposals live in PostgreSQL ({@link ProposalStore}), so they survive
 * restarts; they expire after {@code jira-ai.proposals.ttl}.
 */
@Service
public class Proposals {

	private static final Logger logger = LoggerFactory.getLogger(Proposals.class);

	private static final Duration WAIT_STEP = Duration.ofMillis(50);

	private static final Duration MAX_WAIT = Duration.ofSeconds(60);

	private final ProposalStore store;

	private final ProposalPayloads payloads;

	private final Map<String, ProposalHandler<?>> handlers;

	private final ApplicationEventPublisher events;

	private final ObjectMapper json;

	private final Duration ttl;

	private final Clock clock;

	private final TransactionTemplate transactions;

	Proposals(ProposalStore store, ProposalPayloads payloads, List<ProposalHandler<?>> handlers,
			ApplicationEventPublisher events, ObjectMapper json, @Value("${jira-ai.proposals.ttl:PT24H}") Duration ttl,
			Optional<Clock> clock, PlatformTransactionManager transactionManager) {
		this.store = store;
		this.payloads = payloads;
		this.handlers = handlers.stream().collect(Collectors.toMap(ProposalHandler::kind, Function.identity()));
		this.events = events;
		this.json = json;
		this.ttl = ttl;
		this.clock = clock.orElseGet(Clock::systemUTC);
		this.transactions = new TransactionTemplate(transactionManager);
	}

	/**
	 * Stores a proposal for the user to confirm. The payload comes from the feature, not
	 * the user: it is read into the kind's record here, and checked when the user edits
	 * it and again right before it is carried out (a draft is proposed with what the
	 * create screen would still refuse, for the user to fix).
	 * @param payload the kind's payload record (or its JSON)
	 * @throws IllegalArgumentException when no handler carries out this kind
	 * @throws InvalidProposalPayload when the payload is not the kind's record
	 */
	public Proposal propose(SiteUser user, String feature, String kind, Object payload) {
		JsonNode stored = this.payloads.write(this.payloads.read(handler(kind), payload));
		UUID id = UUID.randomUUID();
		Instant now = this.clock.instant();
		this.store.insert(id, user, feature, kind, stored, now, now.plus(this.ttl));
		return get(user, id);
	}

	/**
	 * A proposal of the user on their site.
	 * @throws ProposalException when there is none (another user's or site's proposal is
	 * not found either)
	 */
	public Proposal get(SiteUser user, UUID id) {
		return this.store.find(user, id).orElseThrow(() -> ProposalException.notFound(id));
	}

	/**
	 * Replaces the payload of a pending proposal with the user's edit, checked first.
	 * @throws InvalidProposalPayload when the edit is not a valid payload of the kind
	 * @throws ProposalException when it is not pending
	 */
	public Proposal edit(SiteUser user, UUID id, JsonNode payload) {
		JsonNode stored = checkedEdit(user, id, payload);
		if (!this.store.replacePayload(user, id, stored, this.clock.instant())) {
			throw ProposalException.notPending(id, expireIfDue(get(user, id)).state());
		}
		return get(user, id);
	}

	/**
	 * Checks a pending proposal as confirming it would, without writing anything: a
	 * caller that takes the confirmation in one request and carries it out later answers
	 * a payload Jira would refuse at once, and the proposal stays pending.
	 * @throws InvalidProposalPayload when confirming it now would be refused
	 * @throws ProposalException when it is unknown
	 */
	public void check(SiteUser user, UUID id) {
		Proposal current = get(user, id);
		if (current.state().confirmable()) {
			checked(user, handler(current.kind()), current.payload());
		}
	}

	/**
	 * Checks the user's edit of a proposal without storing it, for a caller that stores
	 * it later with {@link #edit} only if it wins a race for the decision.
	 * @return the edit as it would be stored
	 * @throws InvalidProposalPayload when the edit is not a valid payload of the kind
	 */
	public JsonNode checkedEdit(SiteUser user, UUID id, JsonNode payload) {
		Proposal current = get(user, id);
		return this.payloads.write(checked(user, handler(current.kind()), payload));
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
			// the user can fix and retry.
			checked(user, handler(current.kind()), current.payload());
		}
		Optional<Integer> attempt = this.store.claim(user, id, this.clock.instant());
		if (attempt.isPresent()) {
			return execute(user, current, handler(current.kind()), attempt.get());
		}
		return settled(user, expireIfDue(get(user, id)));
	}

	/**
	 * Rejects a pending proposal; nothing is written.
	 * @throws ProposalException when it is not pending
	 */
	public Proposal reject(SiteUser user, UUID id) {
		// The rejection and its audit entry commit together (AuditLog writes before the
		// commit); a repeated reject changes nothing and is not audited again.
		Boolean rejected = this.transactions.execute(status -> {
			if (!this.store.reject(user, id, this.clock.instant())) {
				return false;
			}
			Proposal pending = get(user, id);
			JsonNode issueKey = pending.payload() == null ? null : pending.payload().get("issueKey");
			this.events.publishEvent(carriedOut(user.site().clientKey(), user.accountId(), pending,
					ProposalCarriedOut.Result.REJECTED, (issueKey == null) ? null : issueKey.asText(),
					"Rejected the proposed %s".formatted(pending.kind()), null));
			return true;
		});
		Proposal proposal = get(user, id);
		if (!Boolean.TRUE.equals(rejected) && proposal.state() != Proposal.State.REJECTED) {
			throw ProposalException.notPending(id, proposal.state());
		}
		return proposal;
	}

	/** The proposals of a user, newest first, optionally of one kind. */
	public List<Proposal> recent(SiteUser user, String kindPrefix, int limit) {
		return this.store.recent(user, kindPrefix, limit);
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

	private <P> Proposal execute(SiteUser user, Proposal proposal, ProposalHandler<P> handler, int attemptNumber) {
		ProposalHandler.Attempt attempt = new ProposalHandler.Attempt(proposal.id(), attemptNumber,
				proposal.state() == Proposal.State.PARTIAL ? proposal.result() : null);
		ProposalHandler.Outcome outcome;
		try {
			outcome = handler.execute(user, this.payloads.read(handler, proposal.payload()), attempt);
		}
		catch (JiraException.OutcomeUnknown ex) {
			ObjectNode result = this.json.createObjectNode().put("checkUrl", ex.checkUrl().toString());
			outcome = new ProposalHandler.Outcome(ProposalHandler.Status.UNKNOWN, result, null, ex.getMessage());
		}
		catch (RuntimeException ex) {
			// Nothing more was written: confirmable again, with what earlier attempts
			// wrote.
			Proposal.State back = (attempt.previous() != null) ? Proposal.State.PARTIAL : Proposal.State.FAILED;
			String error = String.valueOf(ex.getMessage());
			settle(proposal, attemptNumber, back, attempt.previous(), error,
					carriedOut(user.site().clientKey(), user.accountId(), proposal, ProposalCarriedOut.Result.FAILED,
							null, "Could not carry out %s".formatted(proposal.kind()), error));
			throw ex;
		}
		Proposal.State state = switch (outcome.status()) {
			case DONE -> Proposal.State.DONE;
			case PARTIAL -> Proposal.State.PARTIAL;
			case NOTHING_WRITTEN -> Proposal.State.FAILED;
			case UNKNOWN -> Proposal.State.UNCERTAIN;
		};
		String error = (state == Proposal.State.DONE) ? null : outcome.summary();
		settle(proposal, attemptNumber, state, outcome.result(), error, carriedOut(user.site().clientKey(),
				user.accountId(), proposal, result(state), outcome.target(), outcome.summary(), error));
		logger.info("Proposal {} ({}) for {} on {}: {} ({})", proposal.id(), proposal.kind(), user.accountId(),
				user.site().clientKey(), state, outcome.summary());
		return settled(user, get(user, proposal.id()));
	}

	/**
	 * Records where an attempt left the proposal and publishes its outcome, in one
	 * transaction; only while the proposal is still this attempt's (a reconciler may have
	 * settled it).
	 */
	private void settle(Proposal proposal, int attemptNumber, Proposal.State state, JsonNode result, String error,
			ProposalCarriedOut event) {
		this.transactions.executeWithoutResult(status -> {
			if (this.store.settle(proposal.id(), attemptNumber, state, result, error, event.at())) {
				this.events.publishEvent(event);
			}
		});
	}

	/**
	 * What Jira shows of a proposal whose outcome nobody knows, looked up as the app by
	 * its handler.
	 */
	ProposalHandler.Outcome lookUp(Site site, Proposal proposal, ProposalHandler.Attempt attempt) {
		return lookUp(site, proposal, handler(proposal.kind()), attempt);
	}

	private <P> ProposalHandler.Outcome lookUp(Site site, Proposal proposal, ProposalHandler<P> handler,
			ProposalHandler.Attempt attempt) {
		return handler.reconcile(site, this.payloads.read(handler, proposal.payload()), attempt);
	}

	/**
	 * Records what the reconciler found and publishes it, in one transaction; only while
	 * the proposal is still in the state it was claimed in.
	 * @return whether it was
	 */
	boolean reconciled(Proposal proposal, String clientKey, String accountId, Proposal.State to, JsonNode result,
			String error, String target, String summary) {
		ProposalCarriedOut event = carriedOut(clientKey, accountId, proposal, result(to), target, summary, error);
		Boolean recorded = this.transactions.execute(status -> {
			if (!this.store.reconciled(proposal.id(), proposal.state(), to, result, error, event.at())) {
				return false;
			}
			this.events.publishEvent(event);
			return true;
		});
		return Boolean.TRUE.equals(recorded);
	}

	private ProposalCarriedOut carriedOut(String clientKey, String accountId, Proposal proposal,
			ProposalCarriedOut.Result result, String target, String summary, String error) {
		return new ProposalCarriedOut(clientKey, accountId, proposal.id(), proposal.feature(), proposal.kind(), result,
				target, summary, error, this.clock.instant());
	}

	private static ProposalCarriedOut.Result result(Proposal.State state) {
		return switch (state) {
			case DONE -> ProposalCarriedOut.Result.DONE;
			case PARTIAL -> ProposalCarriedOut.Result.PARTIAL;
			case UNCERTAIN -> ProposalCarriedOut.Result.UNCERTAIN;
			default -> ProposalCarriedOut.Result.FAILED;
		};
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
			this.store.expire(proposal.id(), this.clock.instant());
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
		int expired = this.store.expireAllDue(this.clock.instant());
		if (expired > 0) {
			logger.info("Proposals: {} expired", expired);
		}
	}

	/** The payload as the handler's record, checked. */
	private <P> P checked(SiteUser user, ProposalHandler<P> handler, JsonNode payload) {
		P read = this.payloads.read(handler, payload);
		this.payloads.check(user, handler, read);
		return read;
	}

	private ProposalHandler<?> handler(String kind) {
		ProposalHandler<?> handler = this.handlers.get(kind);
		if (handler == null) {
			throw new IllegalArgumentException("No handler for proposals of kind '%s'".formatted(kind));
		}
		return handler;
	}

}

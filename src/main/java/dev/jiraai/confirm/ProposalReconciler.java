package dev.jiraai.confirm;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.jiraai.tenancy.Site;
import dev.jiraai.tenancy.Sites;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Finds out what happened to proposals whose outcome nobody knows: one a crash left
 * {@code EXECUTING} past its lease, and one Jira may have carried out without saying so
 * ({@code UNCERTAIN}). Each is looked up in Jira, as the app, by the request ids its
 * writes carry: found → {@code DONE} (or {@code PARTIAL}); shown absent → confirmable
 * again; Jira unreachable → looked at again later.
 * <p>
 * Cluster-safe: each run claims its proposals with {@code FOR UPDATE SKIP LOCKED} and
 * moves their lease on, so two instances never reconcile the same proposal at once, and a
 * result is recorded only while the proposal is still in the state it was claimed in.
 */
@Component
class ProposalReconciler {

	private static final Logger logger = LoggerFactory.getLogger(ProposalReconciler.class);

	private static final int BATCH = 20;

	private final ProposalStore store;

	private final Proposals proposals;

	private final Sites sites;

	private final Clock clock;

	private final Duration lease;

	private final Duration recheckAfter;

	private final TransactionTemplate transactions;

	ProposalReconciler(ProposalStore store, Proposals proposals, Sites sites, Optional<Clock> clock,
			PlatformTransactionManager transactionManager,
			@Value("${jira-ai.proposals.execution-lease:PT5M}") Duration lease,
			@Value("${jira-ai.proposals.recheck-after:PT1M}") Duration recheckAfter) {
		this.store = store;
		this.proposals = proposals;
		this.sites = sites;
		this.clock = clock.orElseGet(Clock::systemUTC);
		this.transactions = new TransactionTemplate(transactionManager);
		this.lease = lease;
		this.recheckAfter = recheckAfter;
	}

	@Scheduled(fixedDelayString = "${jira-ai.proposals.reconcile-interval:PT30S}", initialDelayString = "PT30S")
	void scheduled() {
		reconcile();
	}

	/**
	 * Reconciles the proposals that are due.
	 * @return how many were settled (done, partial or confirmable again)
	 */
	int reconcile() {
		int settled = 0;
		for (ProposalStore.Claimed claimed : claim()) {
			if (settle(claimed)) {
				settled++;
			}
		}
		return settled;
	}

	private List<ProposalStore.Claimed> claim() {
		Instant now = this.clock.instant();
		return this.transactions.execute(
				status -> this.store.claimUnsettled(now.minus(this.lease), now.minus(this.recheckAfter), BATCH, now));
	}

	private boolean settle(ProposalStore.Claimed claimed) {
		Proposal proposal = claimed.proposal();
		Optional<Site> site = this.sites.installed(claimed.clientKey());
		if (site.isEmpty()) {
			return false;
		}
		ProposalHandler.Outcome outcome;
		try {
			outcome = this.proposals.lookUp(site.get(), proposal,
					new ProposalHandler.Attempt(proposal.id(), claimed.attempts(), proposal.result()));
		}
		catch (RuntimeException ex) {
			logger.warn("Could not reconcile proposal {} ({}) yet: {}", proposal.id(), proposal.kind(),
					ex.getMessage());
			return false;
		}
		Proposal.State state = switch (outcome.status()) {
			case DONE -> Proposal.State.DONE;
			case PARTIAL -> Proposal.State.PARTIAL;
			case NOTHING_WRITTEN -> Proposal.State.FAILED;
			case UNKNOWN -> null;
		};
		if (state == null) {
			return false;
		}
		String error = switch (state) {
			case DONE -> null;
			case FAILED -> "Jira did not carry this out; you can confirm it again.";
			default -> "Only part of this was carried out; confirm again for the rest.";
		};
		boolean recorded = this.proposals.reconciled(proposal, claimed.clientKey(), claimed.accountId(), state,
				outcome.result() != null ? outcome.result() : proposal.result(), error, outcome.target(),
				"Checked in Jira after %s: %s".formatted(
						proposal.state() == Proposal.State.EXECUTING ? "an interruption" : "a lost answer",
						outcome.summary()));
		if (recorded) {
			logger.info("Reconciled proposal {} ({}): {} -> {}", proposal.id(), proposal.kind(), proposal.state(),
					state);
		}
		return recorded;
	}

}

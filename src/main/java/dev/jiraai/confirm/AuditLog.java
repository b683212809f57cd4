package dev.jiraai.confirm;

import java.util.Locale;

import dev.jiraai.tenancy.SiteDataPurgeDue;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * The audit log: one row for every attempt at carrying out a proposal, whatever its
 * outcome (done, partial, failed, uncertain), with what was written and why not.
 */
@Component
class AuditLog {

	private final JdbcClient jdbc;

	AuditLog(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/*
	 * Before the commit of the transaction that records the proposal's new state, in it:
	 * the row and the state commit together, so a crash keeps both or neither. Outside a
	 * transaction the event is not heard, rather than audited on its own.
	 */
	@TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT)
	void on(ProposalCarriedOut event) {
		this.jdbc.sql("""
				INSERT INTO audit_log (client_key, account_id, feature, kind, proposal_id, target, summary, outcome,
				    error, created_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
				""")
			.params(event.clientKey(), event.accountId(), event.feature(), event.kind(), event.proposalId(),
					event.target(), event.summary(), event.result().name().toLowerCase(Locale.ROOT), event.error(),
					ProposalStore.utc(event.at()))
			.update();
	}

	@EventListener
	void on(SiteDataPurgeDue event) {
		this.jdbc.sql("DELETE FROM audit_log WHERE client_key = ?").param(event.clientKey()).update();
	}

}

package dev.jiraai.confirm;

import org.springframework.context.ApplicationContext;

/**
 * Runs the cluster-wide proposal reconciler now, for tests outside this package that
 * follow a write whose outcome Jira did not tell.
 */
public final class ReconcilerRun {

	private ReconcilerRun() {
	}

	/** Runs it once, as its schedule would; how many proposals it settled. */
	public static int now(ApplicationContext context) {
		return context.getBean(ProposalReconciler.class).reconcile();
	}

}

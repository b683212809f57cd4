package dev.jiraai.confirm;

import java.time.Instant;
import java.util.UUID;

/**
 * An attempt at carrying out a confirmed proposal ended, in a confirm or when the
 * reconciler found out what an interrupted or uncertain attempt wrote; or the user
 * rejected a pending proposal ({@link Result#REJECTED}). Published in the transaction
 * that records the proposal's new state, so a listener that writes in it (the audit log)
 * commits with the state or not at all.
 *
 * @param clientKey the site
 * @param accountId the user who confirmed it
 * @param proposalId the proposal
 * @param feature the feature that proposed it, e.g. {@code assess}
 * @param kind what it does, e.g. {@code assess.comment}
 * @param result how the attempt ended
 * @param target what was written to (issue keys), or {@code null}
 * @param summary one line saying what was done
 * @param error why not all of it was done, or {@code null}
 * @param at when the attempt ended
 */
public record ProposalCarriedOut(String clientKey, String accountId, UUID proposalId, String feature, String kind,
		Result result, String target, String summary, String error, Instant at) {

	/** How an attempt ended. */
	public enum Result {

		/** All of it is written. */
		DONE,

		/** Some of it is written; the rest can be confirmed again. */
		PARTIAL,

		/** This attempt wrote nothing (more); the proposal can be confirmed again. */
		FAILED,

		/** Jira may have written it without saying so; the reconciler looks again. */
		UNCERTAIN,

		/** The user rejected the proposal: nothing was attempted or written. */
		REJECTED

	}

}

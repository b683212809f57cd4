package dev.jiraai.confirm;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A write the AI proposed and the user may confirm.
 *
 * @param id its id, the only thing a confirm request carries
 * @param feature the feature that proposed it, e.g. {@code assess}
 * @param kind what it does, e.g. {@code assess.comment}; the {@link ProposalHandler} of
 * that kind carries it out
 * @param payload exactly what was shown and will be written
 * @param state where it is in its life
 * @param result what the write produced (keys, links), once done
 * @param error why it failed, when it did
 * @param createdAt when it was proposed
 * @param expiresAt after when it can no longer be confirmed
 */
public record Proposal(UUID id, String feature, String kind, JsonNode payload, State state, JsonNode result,
		String error, Instant createdAt, Instant expiresAt) {

	/** The life of a proposal. */
	public enum State {

		/** Waiting for the user. */
		PENDING,
		/** Being carried out (or interrupted while it was: the app looks it up). */
		EXECUTING,
		/** Written. */
		DONE,
		/** Some of it written; the rest can be confirmed again. */
		PARTIAL,
		/** Nothing written; can be confirmed again once the cause is fixed. */
		FAILED,
		/** Jira may have written it but did not say so; the app looks again. */
		UNCERTAIN,
		/** The user said no. */
		REJECTED,
		/** Not confirmed in time. */
		EXPIRED;

		/** Whether a confirm may carry it out (again). */
		public boolean confirmable() {
			return this == PENDING || this == FAILED || this == PARTIAL;
		}

	}

}

package dev.jiraai.confirm;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jiraai.tenancy.Site;
import dev.jiraai.tenancy.SiteUser;

/**
 * Carries out one kind of confirmed proposal, as the confirming user, and finds out
 * afterwards what an interrupted or uncertain attempt wrote. Implemented by the features
 * that propose writes.
 * <p>
 * A handler declares the record its payloads are ({@link #payloadType()}); the proposal
 * workflow reads every payload into it (proposed, edited or stored) and checks it, with
 * Bean Validation and then {@link #check}, when the user edits it and right before it is
 * carried out, so the handler's methods get a payload that is readable and valid.
 * <p>
 * Every write is stamped with a request id from {@link Attempt#requestId}: the same for
 * every attempt at the same proposal, so what one attempt wrote is found by the next (and
 * by {@link #reconcile}) instead of being written twice.
 *
 * @param <P> the payload record
 */
public interface ProposalHandler<P> {

	/** The kind handled, e.g. {@code assess.comment}. */
	String kind();

	/** The payload record's type; its JSON is what the proposal shows and stores. */
	Class<P> payloadType();

	/**
	 * The handler's own check of a payload Bean Validation found valid, when the user
	 * edits it and right before it is carried out.
	 * @throws InvalidProposalPayload naming the field that is wrong
	 * @throws RuntimeException a domain failure of the handler (e.g. an issue the create
	 * screen would refuse)
	 */
	default void check(SiteUser user, P payload) {
	}

	/**
	 * Writes the payload, as the user. A retry ({@link Attempt#retry()}) skips or finds
	 * what earlier attempts wrote.
	 * @return what was written
	 * @throws dev.jiraai.jira.JiraException.OutcomeUnknown when Jira may have written it
	 * but did not say so
	 * @throws RuntimeException when nothing was written (the proposal can be confirmed
	 * again)
	 */
	Outcome execute(SiteUser user, P payload, Attempt attempt);

	/**
	 * Looks in Jira, as the app, for what an interrupted or uncertain attempt wrote.
	 * @return {@link Status#DONE} or {@link Status#PARTIAL} with what exists,
	 * {@link Status#NOTHING_WRITTEN} when Jira shows none of it, {@link Status#UNKNOWN}
	 * when Jira cannot tell now
	 */
	Outcome reconcile(Site site, P payload, Attempt attempt);

	/**
	 * One attempt at carrying out a proposal.
	 *
	 * @param proposalId the proposal
	 * @param number 1 for the first attempt
	 * @param previous what earlier attempts are known to have written, or {@code null}
	 */
	record Attempt(UUID proposalId, int number, JsonNode previous) {

		/** The request id of one write of this proposal, the same in every attempt. */
		public String requestId(String part) {
			return UUID.nameUUIDFromBytes((this.proposalId + "/" + part).getBytes(StandardCharsets.UTF_8)).toString();
		}

		/** Whether an earlier attempt may have written something. */
		public boolean retry() {
			return this.number > 1 || this.previous != null;
		}

	}

	/** How much of a proposal is written. */
	enum Status {

		/** All of it. */
		DONE,

		/** Some of it; the rest can be confirmed again. */
		PARTIAL,

		/** None of it, as far as Jira shows. */
		NOTHING_WRITTEN,

		/** Jira may have written (some of) it; the app looks again later. */
		UNKNOWN

	}

	/**
	 * What a write produced.
	 *
	 * @param status how much is written
	 * @param result the answer to the confirming request (keys, links)
	 * @param target what was written to, e.g. an issue key
	 * @param summary one line for the audit log
	 */
	record Outcome(Status status, JsonNode result, String target, String summary) {

		/** All of it written. */
		public Outcome(JsonNode result, String target, String summary) {
			this(Status.DONE, result, target, summary);
		}

		/** Jira shows nothing of it. */
		public static Outcome nothingWritten(String target) {
			return new Outcome(Status.NOTHING_WRITTEN, null, target, "Jira shows nothing was written");
		}

		/** Jira cannot tell now. */
		public static Outcome unknown(String target) {
			return new Outcome(Status.UNKNOWN, null, target, "Jira could not be asked");
		}

	}

}

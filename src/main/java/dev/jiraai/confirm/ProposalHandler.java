package dev.jiraai.confirm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jiraai.tenancy.SiteUser;

/**
 * Carries out one kind of confirmed proposal, as the confirming user. Implemented by the
 * features that propose writes; called at most once per proposal.
 */
public interface ProposalHandler {

	/** The kind handled, e.g. {@code assess.comment}. */
	String kind();

	/**
	 * Checks a payload when the user edits it and right before it is carried out.
	 * @throws InvalidProposalPayload naming the field that is wrong
	 * @throws RuntimeException a domain failure of the handler (e.g. an issue the create
	 * screen would refuse)
	 */
	default void validate(SiteUser user, JsonNode payload) {
	}

	/**
	 * Writes the payload, as the user.
	 * @return what was written, for the answer and the audit
	 */
	Outcome execute(SiteUser user, JsonNode payload);

	/**
	 * What a write produced.
	 *
	 * @param result the answer to the confirming request (keys, links)
	 * @param target what was written to, e.g. an issue key
	 * @param summary one line for the audit log
	 */
	record Outcome(JsonNode result, String target, String summary) {
	}

}

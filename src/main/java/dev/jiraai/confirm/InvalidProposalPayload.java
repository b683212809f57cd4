package dev.jiraai.confirm;

/**
 * A proposal's payload, as proposed or as the user edited it, does not have the shape its
 * handler carries out; the message names the field and what it needs.
 */
public class InvalidProposalPayload extends RuntimeException {

	/**
	 * @param problem what is wrong, naming the field (e.g.
	 * {@code 'issueKey' is required})
	 */
	public InvalidProposalPayload(String problem) {
		super(problem);
	}

}

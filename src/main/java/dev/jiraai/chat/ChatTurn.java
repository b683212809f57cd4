package dev.jiraai.chat;

import dev.jiraai.confirm.Proposal;

/**
 * One turn of a conversation as the tools the model calls see it: they tell the user what
 * they are doing, hand over what they found (for the JSON answer) and the proposals they
 * stored. Built per turn, never shared between users.
 */
public interface ChatTurn {

	/** Shown at once to the user, e.g. "Searching your issues…". */
	void activity(String tool, String message);

	/** What a read tool found, under a name of the JSON answer's {@code data}. */
	void found(String name, Object data);

	/** A proposal a write tool stored for the user to confirm. */
	void proposed(Proposal proposal);

}

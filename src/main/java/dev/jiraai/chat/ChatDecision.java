package dev.jiraai.chat;

import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The user's decision on a proposal a turn waits for, as the task keeps it.
 *
 * @param confirmation whether to carry it out
 * @param proposalId the proposal decided on
 * @param edited the payload as the user edited it (checked when they decided), stored
 * only by the run that carries this decision out; {@code null} when not edited
 */
record ChatDecision(boolean confirmation, UUID proposalId, JsonNode edited) {

	ChatDecision {
		// Jackson reads a stored "edited": null as a NullNode, which is no edit.
		edited = (edited == null || edited.isNull()) ? null : edited;
	}

}

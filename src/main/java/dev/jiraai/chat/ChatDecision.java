package dev.jiraai.chat;

import java.util.UUID;

/**
 * The user's decision on a proposal a turn waits for, as the task keeps it.
 *
 * @param confirmation whether to carry it out
 * @param proposalId the proposal decided on
 */
record ChatDecision(boolean confirmation, UUID proposalId) {
}

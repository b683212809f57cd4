package dev.jiraai.chat;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jiraai.confirm.Proposal;

/**
 * What a finished turn answered, as stored with its task.
 *
 * @param conversationId the conversation
 * @param answer the answer, Markdown
 * @param data what the tools found, by name (e.g. {@code issues})
 * @param proposals the turn's proposals with their final state
 */
record ChatAnswer(String conversationId, String answer, JsonNode data, List<Proposal> proposals) {
}

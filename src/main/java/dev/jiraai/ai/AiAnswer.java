package dev.jiraai.ai;

import java.time.Duration;

/**
 * The model's answer and what produced it, recorded with every result that is stored.
 *
 * @param text the answer
 * @param model the model that wrote it
 * @param promptId the user prompt's id
 * @param promptVersion its version
 * @param promptHash the SHA-256 of its content (a site override has its own)
 * @param promptTokens prompt tokens used
 * @param completionTokens completion tokens used
 * @param latency how long the successful attempt took
 * @param masked what was hidden from the model in the prompt
 */
public record AiAnswer(String text, String model, String promptId, int promptVersion, String promptHash,
		int promptTokens, int completionTokens, Duration latency, Masked masked) {
}

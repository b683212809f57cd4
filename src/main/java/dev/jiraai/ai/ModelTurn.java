package dev.jiraai.ai;

import java.util.List;

/**
 * What the model answered in one round of a turn with tools: text, tool calls it asks
 * for, or both.
 *
 * @param text its text, or {@code null}
 * @param toolCalls the tools it asks to run, in order (empty when it answered)
 * @param promptTokens the prompt's tokens
 * @param completionTokens the answer's tokens
 */
public record ModelTurn(String text, List<ToolRequest> toolCalls, int promptTokens, int completionTokens) {

	public ModelTurn {
		toolCalls = List.copyOf(toolCalls);
	}

	/** Whether the model asks for tools rather than answering. */
	public boolean wantsTools() {
		return !this.toolCalls.isEmpty();
	}

	/**
	 * One tool call the model asks for.
	 *
	 * @param id the model's id of the call, which its result must carry
	 * @param name the tool
	 * @param arguments the arguments, JSON as the model wrote it (untrusted)
	 */
	public record ToolRequest(String id, String name, String arguments) {
	}

}

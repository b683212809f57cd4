package dev.jiraai.tasks;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A task has come to something only its user can decide (a proposed write to confirm or
 * reject): it waits in {@code waiting_confirmation}, showing {@link #awaiting()} (e.g.
 * the proposals), until the user resumes it with their decision, which the next run finds
 * in {@link TaskContext#decisions()}.
 */
public class ConfirmationNeeded extends RuntimeException {

	private final transient JsonNode awaiting;

	/**
	 * @param message what awaits the user, in their words
	 * @param awaiting what to show while waiting (stored as the task's pending result)
	 */
	public ConfirmationNeeded(String message, JsonNode awaiting) {
		super(message, null, false, false);
		this.awaiting = awaiting;
	}

	public JsonNode awaiting() {
		return this.awaiting;
	}

}

package dev.jiraai.tasks;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One thing a task told its watchers; {@code seq} is its SSE id, increasing per task.
 *
 * @param seq its place in the task's events
 * @param name {@code progress}, {@code text}, {@code result}, {@code error},
 * {@code waiting} or {@code cancelled}
 * @param data its JSON
 */
record TaskEvent(long seq, String name, JsonNode data) {

	static final String PROGRESS = "progress";

	static final String TEXT = "text";

	static final String RESULT = "result";

	static final String ERROR = "error";

	static final String WAITING = "waiting";

	static final String CANCELLED = "cancelled";

	/**
	 * Whether a feature may use the name for events of its own (not one of the above).
	 */
	static boolean custom(String name) {
		return name != null && name.matches("[a-z][a-z-]{0,19}")
				&& !java.util.Set.of(PROGRESS, TEXT, RESULT, ERROR, WAITING, CANCELLED).contains(name);
	}

	/** Whether the stream of the task's current run ends with this event. */
	boolean last() {
		return RESULT.equals(this.name) || ERROR.equals(this.name) || WAITING.equals(this.name)
				|| CANCELLED.equals(this.name);
	}

}

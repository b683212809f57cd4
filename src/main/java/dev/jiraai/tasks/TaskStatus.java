package dev.jiraai.tasks;

import com.fasterxml.jackson.annotation.JsonValue;

/** Where a task is in its life, as the API names it. */
public enum TaskStatus {

	/** Queued or running on some instance. */
	PROCESSING("processing"),

	/** Paused until its user resumes it (or cancels it). */
	WAITING_CONFIRMATION("waiting_confirmation"),

	/** Finished with a result. */
	COMPLETED("completed"),

	/** Finished with a problem. */
	FAILED("failed"),

	/** Stopped by its user. */
	CANCELLED("cancelled");

	private final String value;

	TaskStatus(String value) {
		this.value = value;
	}

	@JsonValue
	public String value() {
		return this.value;
	}

	/** Whether nothing more will happen to the task. */
	public boolean finished() {
		return this == COMPLETED || this == FAILED || this == CANCELLED;
	}

	static TaskStatus of(String value) {
		for (TaskStatus status : values()) {
			if (status.value.equals(value)) {
				return status;
			}
		}
		throw new IllegalArgumentException("Unknown task status: " + value);
	}

}

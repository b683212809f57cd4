package dev.jiraai.tasks;

import java.util.UUID;

/** Why a task operation was refused; mapped to problem details by the task controller. */
public sealed class TaskException extends RuntimeException {

	TaskException(String message) {
		super(message);
	}

	/** No such task for this user on this site (another user's task included). */
	public static final class NotFound extends TaskException {

		NotFound(UUID taskId) {
			super("There is no task " + taskId);
		}

	}

	/** The task is not in a state that allows the operation. */
	public static final class Conflict extends TaskException {

		Conflict(String message) {
			super(message);
		}

	}

	/** Too many tasks running for the site. */
	public static final class TooMany extends TaskException {

		TooMany(int limit) {
			super("This site already has %d AI tasks running".formatted(limit));
		}

	}

	/** A task kind nothing handles. */
	public static final class UnknownKind extends TaskException {

		UnknownKind(String kind) {
			super("No task handles '" + kind + "'");
		}

	}

}

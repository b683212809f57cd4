package dev.jiraai.tasks;

import java.time.Duration;
import java.util.UUID;

import dev.jiraai.problem.DescribedProblem;
import dev.jiraai.problem.ProblemType;

import org.springframework.http.HttpStatus;

/**
 * Why a task operation was refused, with the problem it is answered with (docs/api.md).
 */
public abstract sealed class TaskException extends RuntimeException implements DescribedProblem {

	private final ProblemType problemType;

	TaskException(String message, ProblemType problemType) {
		super(message);
		this.problemType = problemType;
	}

	@Override
	public ProblemType problemType() {
		return this.problemType;
	}

	/** No such task for this user on this site (another user's task included). */
	public static final class NotFound extends TaskException {

		NotFound(UUID taskId) {
			super("There is no task " + taskId + " of yours",
					new ProblemType(HttpStatus.NOT_FOUND, "task-not-found", "No such task", "Start the work again."));
		}

	}

	/** The task is not in a state that allows the operation. */
	public static final class Conflict extends TaskException {

		Conflict(String message) {
			super(message, new ProblemType(HttpStatus.CONFLICT, "task-conflict", "The task cannot do that now",
					"Reload it to see where it is."));
		}

	}

	/** Too many tasks running for the site. */
	public static final class TooMany extends TaskException {

		TooMany(int limit) {
			super("This site already has %d AI tasks running".formatted(limit),
					new ProblemType(HttpStatus.TOO_MANY_REQUESTS, "too-many-tasks", "Too much AI work at once",
							"Try again when some have finished.", Duration.ofSeconds(10)));
		}

	}

}

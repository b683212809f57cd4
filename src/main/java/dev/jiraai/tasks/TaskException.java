package dev.jiraai.tasks;

import java.time.Duration;
import java.util.UUID;

import dev.jiraai.web.DescribedProblem;

import org.springframework.http.HttpStatus;

/**
 * Why a task operation was refused, with the problem it is answered with (docs/api.md).
 */
public abstract sealed class TaskException extends RuntimeException implements DescribedProblem {

	TaskException(String message) {
		super(message);
	}

	/** No such task for this user on this site (another user's task included). */
	public static final class NotFound extends TaskException {

		NotFound(UUID taskId) {
			super("There is no task " + taskId + " of yours");
		}

		@Override
		public HttpStatus status() {
			return HttpStatus.NOT_FOUND;
		}

		@Override
		public String type() {
			return "task-not-found";
		}

		@Override
		public String title() {
			return "No such task";
		}

		@Override
		public String nextStep() {
			return "Start the work again.";
		}

	}

	/** The task is not in a state that allows the operation. */
	public static final class Conflict extends TaskException {

		Conflict(String message) {
			super(message);
		}

		@Override
		public HttpStatus status() {
			return HttpStatus.CONFLICT;
		}

		@Override
		public String type() {
			return "task-conflict";
		}

		@Override
		public String title() {
			return "The task cannot do that now";
		}

		@Override
		public String nextStep() {
			return "Reload it to see where it is.";
		}

	}

	/** Too many tasks running for the site. */
	public static final class TooMany extends TaskException {

		TooMany(int limit) {
			super("This site already has %d AI tasks running".formatted(limit));
		}

		@Override
		public HttpStatus status() {
			return HttpStatus.TOO_MANY_REQUESTS;
		}

		@Override
		public String type() {
			return "too-many-tasks";
		}

		@Override
		public String title() {
			return "Too much AI work at once";
		}

		@Override
		public String nextStep() {
			return "Try again when some have finished.";
		}

		@Override
		public Duration retryAfter() {
			return Duration.ofSeconds(10);
		}

	}

}

package dev.jiraai.problem;

import java.time.Duration;

import org.springframework.http.HttpStatus;

/**
 * One type of the problem catalogue (docs/api.md), as a module's failure names it.
 *
 * @param status the HTTP status it is answered with
 * @param type the catalogue name, e.g. {@code task-not-found}
 * @param title the title
 * @param nextStep what the user can do next, in plain words; follows the failure's
 * message in the detail
 * @param retryAfter how long to wait before trying again when waiting helps, or
 * {@code null}
 */
public record ProblemType(HttpStatus status, String type, String title, String nextStep, Duration retryAfter) {

	/** A type where waiting does not help. */
	public ProblemType(HttpStatus status, String type, String title, String nextStep) {
		this(status, type, title, nextStep, null);
	}

}

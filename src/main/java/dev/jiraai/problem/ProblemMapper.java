package dev.jiraai.problem;

import org.springframework.http.ProblemDetail;

/**
 * Turns a failure into the problem the API answers it with, for the answers that carry a
 * problem without an HTTP status of their own: the {@code error} event of a stream that
 * has begun, the problem of a failed task. The web module's problem mapper is the one
 * implementation, so a stream's problem is the same as the status answer's would be.
 */
public interface ProblemMapper {

	/**
	 * The problem of a failure; an unknown one is a 500 {@code internal} that shows
	 * nothing of it (its cause is logged).
	 */
	ProblemDetail problemOf(Throwable failure);

}

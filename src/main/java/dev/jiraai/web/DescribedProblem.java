package dev.jiraai.web;

import java.time.Duration;

import org.springframework.http.HttpStatus;

/**
 * A failure of a feature module that names its own problem type, so the one problem
 * mapper ({@link Problems#of}) answers it without knowing the module (which depends on
 * web, not the other way round). The detail is the exception's message and the next step.
 */
public interface DescribedProblem {

	HttpStatus status();

	/** The catalogue name (docs/api.md). */
	String type();

	String title();

	/** What the user can do next, in plain words. */
	String nextStep();

	/** How long to wait before trying again, when waiting helps. */
	default Duration retryAfter() {
		return null;
	}

}

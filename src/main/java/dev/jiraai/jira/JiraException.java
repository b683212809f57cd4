package dev.jiraai.jira;

import java.util.List;
import java.util.Map;

/**
 * A Jira call failed; subclasses say how. Carries Jira's own messages
 * ({@code errorMessages} and the per-field {@code errors}) so they can be shown to the
 * user as Jira phrased them.
 */
public abstract sealed class JiraException extends RuntimeException permits JiraException.NotFound,
		JiraException.Forbidden, JiraException.Unauthorized, JiraException.Rejected, JiraException.RateLimited,
		JiraException.Unavailable, JiraException.OutcomeUnknown, JiraException.UserAuthorizationUnavailable {

	private final String operation;

	private final int status;

	private final List<String> jiraMessages;

	private final Map<String, String> fieldErrors;

	JiraException(String operation, int status, String message, List<String> jiraMessages,
			Map<String, String> fieldErrors, Throwable cause) {
		super(message, cause);
		this.operation = operation;
		this.status = status;
		this.jiraMessages = List.copyOf(jiraMessages);
		this.fieldErrors = Map.copyOf(fieldErrors);
	}

	/** The operation that failed, e.g. {@code get issue}. */
	public String operation() {
		return this.operation;
	}

	/** Jira's HTTP status, or 0 when Jira could not be reached. */
	public int status() {
		return this.status;
	}

	/** Jira's {@code errorMessages}. */
	public List<String> jiraMessages() {
		return this.jiraMessages;
	}

	/** Jira's {@code errors}: a message per field id. */
	public Map<String, String> fieldErrors() {
		return this.fieldErrors;
	}

	static String describe(String operation, String fallback, List<String> messages, Map<String, String> errors) {
		StringBuilder text = new StringBuilder("Jira refused to %s: ".formatted(operation));
		if (messages.isEmpty() && errors.isEmpty()) {
			return text.append(fallback).toString();
		}
		text.append(String.join(" ", messages));
		errors.forEach((field, error) -> text.append(messages.isEmpty() && text.toString().endsWith(": ") ? "" : " ")
			.append("%s: %s".formatted(field, error)));
		return text.toString();
	}

	/**
	 * 404: the thing does not exist, or the caller may not see it (Jira does not tell
	 * which).
	 */
	public static final class NotFound extends JiraException {

		NotFound(String operation, List<String> messages, Throwable cause) {
			super(operation, 404, describe(operation, "not found, or no permission to see it", messages, Map.of()),
					messages, Map.of(), cause);
		}

	}

	/** 403: the caller may not do this in Jira. */
	public static final class Forbidden extends JiraException {

		Forbidden(String operation, List<String> messages, Throwable cause) {
			super(operation, 403, describe(operation, "no permission", messages, Map.of()), messages, Map.of(), cause);
		}

	}

	/**
	 * 401: Jira did not accept the app's credentials (site uninstalled, user consent
	 * missing...).
	 */
	public static final class Unauthorized extends JiraException {

		Unauthorized(String operation, List<String> messages, Throwable cause) {
			super(operation, 401, describe(operation, "not authenticated", messages, Map.of()), messages, Map.of(),
					cause);
		}

	}

	/** 400 and other 4xx: Jira found the request invalid, usually naming fields. */
	public static final class Rejected extends JiraException {

		Rejected(String operation, int status, List<String> messages, Map<String, String> errors, Throwable cause) {
			super(operation, status, describe(operation, "invalid request", messages, errors), messages, errors, cause);
		}

	}

	/** 429 that retrying within the allowed time did not get past. */
	public static final class RateLimited extends JiraException {

		private final java.time.Duration retryAfter;

		RateLimited(String operation, java.time.Duration retryAfter, Throwable cause) {
			super(operation, 429, "Jira is rate limiting the app; try again in %d s".formatted(retryAfter.toSeconds()),
					List.of(), Map.of(), cause);
			this.retryAfter = retryAfter;
		}

		/** When Jira said to come back. */
		public java.time.Duration retryAfter() {
			return this.retryAfter;
		}

	}

	/**
	 * Jira answered 5xx, or could not be reached, after the retries that were safe to
	 * make.
	 */
	public static final class Unavailable extends JiraException {

		Unavailable(String operation, int status, String detail, Throwable cause) {
			super(operation, status, "Jira is unavailable (%s): %s".formatted(operation, detail), List.of(), Map.of(),
					cause);
		}

	}

	/**
	 * A write whose answer was lost (connection reset, timeout, 5xx after the write) and
	 * that could not be found by its request id yet: Jira may have carried it out. It is
	 * never sent again blindly; {@link #checkUrl()} lets the user look, and the
	 * confirmation module checks again later.
	 */
	public static final class OutcomeUnknown extends JiraException {

		private final java.net.URI checkUrl;

		OutcomeUnknown(String operation, java.net.URI checkUrl, Throwable cause) {
			super(operation, 0, "Jira may have carried out '%s' but its answer was lost".formatted(operation),
					List.of(), Map.of(), cause);
			this.checkUrl = checkUrl;
		}

		/** Where in Jira the user can check whether it happened. */
		public java.net.URI checkUrl() {
			return this.checkUrl;
		}

	}

	/**
	 * Jira could not be called as the user: Atlassian's authorization server, which
	 * grants Connect's act-as-user tokens, could not be reached or refused. Nothing was
	 * sent to Jira, and the call is never made as the app instead.
	 */
	public static final class UserAuthorizationUnavailable extends JiraException {

		UserAuthorizationUnavailable(String operation, Throwable cause) {
			super(operation, 0, "Atlassian did not let the app act as you to %s".formatted(operation), List.of(),
					Map.of(), cause);
		}

	}

}

package dev.jiraai.support;

import java.time.Duration;
import java.util.regex.Pattern;

/**
 * A failure the simulated site answers with instead of its normal response, for the next
 * {@code times} matching requests.
 *
 * @param method the HTTP method to match, or {@code null} for any
 * @param path a regular expression the request path must match
 * @param kind what goes wrong
 * @param status the status answered for {@link Kind#STATUS}
 * @param retryAfterSeconds the {@code Retry-After} header, or {@code null}
 * @param delay how long to wait before answering for {@link Kind#DELAY} (then the normal
 * answer follows)
 * @param times how many matching requests fail
 */
public record JiraFault(String method, Pattern path, Kind kind, int status, Integer retryAfterSeconds, Duration delay,
		int times) {

	/** What goes wrong. */
	public enum Kind {

		/** An HTTP error status (429, 503, ...). */
		STATUS,

		/** The connection is reset before any response. */
		CONNECTION_RESET,

		/** The normal response, late. */
		DELAY,

		/**
		 * The request is carried out, then the connection is reset: the caller cannot
		 * know it succeeded.
		 */
		LOST_RESPONSE

	}

	public static JiraFault rateLimited(String method, String pathRegex, int retryAfterSeconds) {
		return new JiraFault(method, Pattern.compile(pathRegex), Kind.STATUS, 429, retryAfterSeconds, null, 1);
	}

	public static JiraFault status(String method, String pathRegex, int status) {
		return new JiraFault(method, Pattern.compile(pathRegex), Kind.STATUS, status, null, null, 1);
	}

	public static JiraFault connectionReset(String method, String pathRegex) {
		return new JiraFault(method, Pattern.compile(pathRegex), Kind.CONNECTION_RESET, 0, null, null, 1);
	}

	public static JiraFault delay(String method, String pathRegex, Duration delay) {
		return new JiraFault(method, Pattern.compile(pathRegex), Kind.DELAY, 0, null, delay, 1);
	}

	public static JiraFault lostResponse(String method, String pathRegex) {
		return new JiraFault(method, Pattern.compile(pathRegex), Kind.LOST_RESPONSE, 0, null, null, 1);
	}

	/** The same fault for the next {@code count} matching requests. */
	public JiraFault times(int count) {
		return new JiraFault(this.method, this.path, this.kind, this.status, this.retryAfterSeconds, this.delay, count);
	}

	boolean matches(String requestMethod, String requestPath) {
		return (this.method == null || this.method.equalsIgnoreCase(requestMethod))
				&& this.path.matcher(requestPath).matches();
	}

}

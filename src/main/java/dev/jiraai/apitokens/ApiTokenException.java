package dev.jiraai.apitokens;

import java.time.Duration;
import java.util.UUID;

import dev.jiraai.problem.DescribedProblem;
import dev.jiraai.problem.ProblemType;

import org.springframework.http.HttpStatus;

/**
 * Why a token could not be created, found or used; each names its problem type
 * (docs/api.md, "API tokens").
 */
abstract sealed class ApiTokenException extends RuntimeException implements DescribedProblem {

	private final ProblemType type;

	private ApiTokenException(String message, ProblemType type) {
		super(message);
		this.type = type;
	}

	@Override
	public ProblemType problemType() {
		return this.type;
	}

	/**
	 * Unknown, malformed, expired, revoked, or of a site that no longer has the app: one
	 * answer for all, so a caller learns nothing about which.
	 */
	static final class Invalid extends ApiTokenException {

		Invalid() {
			super("The API token is not valid", new ProblemType(HttpStatus.UNAUTHORIZED, "api-token-invalid",
					"API token not valid", "Create a new token on the AI Assistant page in Jira."));
		}

	}

	/** An API token sent to an endpoint that does not take one. */
	static final class NotAccepted extends ApiTokenException {

		NotAccepted() {
			super("API tokens are accepted only by POST /api/chat/send, GET /api/chat/result/{taskId} and "
					+ "POST /api/chat/resume/{taskId}",
					new ProblemType(HttpStatus.UNAUTHORIZED, "unauthenticated", "Not authenticated",
							"Call the other endpoints from the app in Jira."));
		}

	}

	/** The token lacks the scope the endpoint needs. */
	static final class ScopeMissing extends ApiTokenException {

		ScopeMissing(ApiTokenScope needed) {
			super("The API token lacks the '%s' scope".formatted(needed.wire()), new ProblemType(HttpStatus.FORBIDDEN,
					"api-token-scope", "API token scope missing", "Create a token with that scope."));
		}

	}

	/** An admin switched API tokens off for the site. */
	static final class Off extends ApiTokenException {

		Off() {
			super("API tokens are switched off on this site", new ProblemType(HttpStatus.FORBIDDEN, "api-tokens-off",
					"API tokens switched off", "Ask a Jira admin to switch them on."));
		}

	}

	/**
	 * The site cannot be called as the owner from outside Jira: tokens need Connect's
	 * act-as-user grant, which an install without an OAuth client id does not have.
	 */
	static final class ConnectOnly extends ApiTokenException {

		ConnectOnly() {
			super("API tokens need the app's Connect install with user impersonation, which this site does not have",
					new ProblemType(HttpStatus.FORBIDDEN, "api-tokens-connect-only", "API tokens need Connect",
							"Ask a Jira admin to install the app's Connect descriptor; see docs/api.md."));
		}

	}

	/** The user holds as many active tokens as allowed. */
	static final class TooMany extends ApiTokenException {

		TooMany(int limit) {
			super("You already hold %d active API tokens".formatted(limit), new ProblemType(HttpStatus.CONFLICT,
					"api-token-limit", "Too many API tokens", "Revoke one you no longer use."));
		}

	}

	/** No such token of the caller (or, for an admin, of the site). */
	static final class NotFound extends ApiTokenException {

		NotFound(UUID id) {
			super("No API token '%s'".formatted(id), new ProblemType(HttpStatus.NOT_FOUND, "api-token-not-found",
					"No such API token", "List your tokens to find its id."));
		}

	}

	/** The token made as many requests this minute as allowed. */
	static final class RateLimited extends ApiTokenException {

		private final Duration retryAfter;

		RateLimited(int limit, Duration retryAfter) {
			super("The API token made its %d requests of this minute".formatted(limit),
					new ProblemType(HttpStatus.TOO_MANY_REQUESTS, "api-token-rate-limited",
							"Too many requests with this API token", "Wait until the next minute.", retryAfter));
			this.retryAfter = retryAfter;
		}

		Duration retryAfter() {
			return this.retryAfter;
		}

	}

}

package dev.jiraai.connect;

import java.util.Optional;

/**
 * The token to act as a user could not be had from Atlassian's authorization server;
 * nothing was sent to Jira.
 */
public final class ActAsUserTokenRefused extends RuntimeException {

	ActAsUserTokenRefused(String message, Throwable cause) {
		super(message, cause);
	}

	/**
	 * The refusal somewhere in a failure's causes, if it is one: the library may wrap it
	 * in its own exception types.
	 */
	public static Optional<ActAsUserTokenRefused> in(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof ActAsUserTokenRefused refused) {
				return Optional.of(refused);
			}
		}
		return Optional.empty();
	}

}

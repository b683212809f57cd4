package dev.jiraai.apitokens;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What a token may be used for.
 */
enum ApiTokenScope {

	/** The chat API: send a message, poll its result, resume it with a decision. */
	CHAT,

	/**
	 * Reserved for assessments only. Accepted when a token is created, but the chat
	 * endpoints need {@link #CHAT}: which feature a message ends in is decided by the
	 * model's routing after the request has been accepted.
	 */
	ASSESS;

	@JsonValue
	String wire() {
		return name().toLowerCase(Locale.ROOT);
	}

	@JsonCreator
	static ApiTokenScope of(String wire) {
		for (ApiTokenScope scope : values()) {
			if (scope.wire().equals(wire)) {
				return scope;
			}
		}
		throw new IllegalArgumentException("Unknown scope '%s', expected chat or assess".formatted(wire));
	}

}

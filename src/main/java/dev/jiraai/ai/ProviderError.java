package dev.jiraai.ai;

import java.time.Duration;
import java.util.Optional;

/**
 * An HTTP error answer of the model provider, with what the retry decisions need: status,
 * OpenAI's error type and code, and {@code Retry-After}.
 */
final class ProviderError extends RuntimeException {

	private final int status;

	private final String type;

	private final String code;

	private final Duration retryAfter;

	ProviderError(int status, String type, String code, String message, Duration retryAfter) {
		super("HTTP %d %s%s: %s".formatted(status, type == null ? "" : type, code == null ? "" : "/" + code, message));
		this.status = status;
		this.type = type;
		this.code = code;
		this.retryAfter = retryAfter;
	}

	int status() {
		return this.status;
	}

	boolean insufficientQuota() {
		return "insufficient_quota".equals(this.code) || "insufficient_quota".equals(this.type);
	}

	Optional<Duration> retryAfter() {
		return Optional.ofNullable(this.retryAfter);
	}

	String code() {
		return this.code;
	}

}

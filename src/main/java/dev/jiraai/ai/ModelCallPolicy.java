package dev.jiraai.ai;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;

import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClientException;
import org.springframework.web.reactive.function.client.WebClientResponseException;

/**
 * The one retry and time-limit policy of model calls, for whole answers
 * ({@link RetryAdvisor}) and streams ({@link LlmGateway#stream(PreparedCall)}) alike.
 * <p>
 * A 429 waits its {@code Retry-After} (or backs off) while time remains, except
 * {@code insufficient_quota}, which no retry can fix; a 401 re-reads the API key once (it
 * may have been rotated); 5xx, timeouts of an attempt and connection failures back off
 * with jitter; other 4xx are reported at once.
 */
@Component
class ModelCallPolicy {

	private static final Duration BASE_BACKOFF = Duration.ofMillis(500);

	private final AiProperties properties;

	ModelCallPolicy(AiProperties properties) {
		this.properties = properties;
	}

	/** The time one user request gives the model, retries included. */
	Duration requestTimeout() {
		return this.properties.requestTimeout();
	}

	/**
	 * Whether and after how long to try again.
	 * @throws AiException the error to report when not
	 */
	Decision decide(Throwable failure, int attempt, boolean keyReread, Duration remaining) {
		if (failure instanceof ProviderError error) {
			if (error.status() == 401 && !keyReread) {
				return new Decision(Duration.ZERO, true);
			}
			if (error.status() == 429) {
				if (error.insufficientQuota()) {
					throw new AiException.QuotaExhausted(error.getMessage(), error);
				}
				Duration wait = error.retryAfter().orElse(backoff(attempt));
				if (attempt >= this.properties.maxAttempts() || wait.compareTo(remaining) >= 0) {
					throw new AiException.RateLimited(wait, error);
				}
				return new Decision(wait, false);
			}
			if (error.status() >= 500) {
				return retryOrFail(attempt, remaining, error.getMessage(), error);
			}
			throw new AiException.Rejected(error.status(), error.getMessage(), error);
		}
		if (failure instanceof RestClientException || failure instanceof java.io.IOException
				|| failure instanceof TimeoutException) {
			return retryOrFail(attempt, remaining, failure.getClass().getSimpleName(), failure);
		}
		if (failure instanceof AiException ai) {
			throw ai;
		}
		throw new AiException.Unavailable(String.valueOf(failure.getMessage()), failure);
	}

	private Decision retryOrFail(int attempt, Duration remaining, String message, Throwable failure) {
		Duration wait = backoff(attempt);
		if (attempt >= this.properties.maxAttempts() || wait.compareTo(remaining) >= 0) {
			throw new AiException.Unavailable(message, failure);
		}
		return new Decision(wait, false);
	}

	private static Duration backoff(int attempt) {
		long base = BASE_BACKOFF.toMillis() << Math.min(attempt - 1, 6);
		return Duration.ofMillis((long) (base * (0.5 + ThreadLocalRandom.current().nextDouble())));
	}

	/**
	 * The provider's error inside what a client threw (reactive clients and Spring AI
	 * wrap it), so both paths decide on the same thing.
	 */
	static Throwable unwrap(Throwable failure) {
		if (failure instanceof WebClientResponseException web) {
			return ProviderErrorHandler.from(web.getStatusCode().value(), web.getHeaders(),
					web.getResponseBodyAsString());
		}
		Throwable cause = failure;
		while (cause.getCause() != null && !(cause instanceof ProviderError)) {
			cause = cause.getCause();
		}
		return (cause instanceof ProviderError) ? cause : failure;
	}

	/** How a failed attempt is recorded with its usage. */
	static String outcome(Throwable failure) {
		Throwable cause = unwrap(failure);
		if (cause instanceof ProviderError error) {
			return "http_" + error.status();
		}
		return (cause instanceof TimeoutException) ? "timeout" : "error";
	}

	/** Waits before the next attempt; an interrupt (a cancelled task) ends the call. */
	static void pause(Duration wait) {
		if (wait.isZero()) {
			return;
		}
		try {
			Thread.sleep(wait);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AiException.Unavailable("interrupted while waiting to retry", ex);
		}
	}

	/**
	 * @param delay how long to wait before the next attempt
	 * @param rereadKey whether to read the API key again first
	 */
	record Decision(Duration delay, boolean rereadKey) {
	}

}

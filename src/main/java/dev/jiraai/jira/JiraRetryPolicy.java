package dev.jiraai.jira;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import dev.jiraai.connect.ActAsUserTokenRefused;
import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.client.HttpStatusCodeException;
import org.springframework.web.client.ResourceAccessException;

/**
 * When a failed Jira call is tried again, and after how long (Resilience4j does the
 * looping).
 * <p>
 * 429 and 503 mean Jira did not process the request: they are retried for every call,
 * after {@code Retry-After} (or {@code X-RateLimit-Reset}) when Jira sends it, else after
 * an exponential backoff with jitter. Other 5xx and connection failures leave the outcome
 * unknown: they are retried only for idempotent calls; a create or a comment is never
 * sent twice blindly (its caller resolves the outcome instead). A wait longer than the
 * configured maximum is not waited out.
 */
class JiraRetryPolicy {

	private static final Logger logger = LoggerFactory.getLogger(JiraRetryPolicy.class);

	private final JiraProperties.Retry properties;

	private final RetryConfig idempotent;

	private final RetryConfig nonIdempotent;

	JiraRetryPolicy(JiraProperties.Retry properties) {
		this.properties = properties;
		this.idempotent = config(true);
		this.nonIdempotent = config(false);
	}

	Retry retryFor(String operation, boolean idempotentCall) {
		Retry retry = Retry.of(operation, idempotentCall ? this.idempotent : this.nonIdempotent);
		retry.getEventPublisher()
			.onRetry(event -> logger.info("Jira call '{}' failed ({}); attempt {} in {} ms", operation,
					summary(event.getLastThrowable()), event.getNumberOfRetryAttempts() + 1,
					event.getWaitInterval().toMillis()));
		return retry;
	}

	private RetryConfig config(boolean idempotentCall) {
		IntervalBiFunction<Object> interval = (attempt, outcome) -> outcome.isLeft()
				? waitBefore(attempt, outcome.getLeft()).toMillis() : this.properties.initialBackoff().toMillis();
		return RetryConfig.custom()
			.maxAttempts(this.properties.maxAttempts())
			.intervalBiFunction(interval)
			.retryOnException(failure -> shouldRetry(failure, idempotentCall))
			.failAfterMaxAttempts(false)
			.build();
	}

	boolean shouldRetry(Throwable failure, boolean idempotentCall) {
		if (ActAsUserTokenRefused.in(failure).isPresent()) {
			return false;
		}
		if (failure instanceof HttpStatusCodeException http) {
			int status = http.getStatusCode().value();
			if (status == HttpStatus.TOO_MANY_REQUESTS.value() || status == HttpStatus.SERVICE_UNAVAILABLE.value()) {
				return serverWait(http).map(wait -> wait.compareTo(this.properties.maxWait()) <= 0).orElse(true);
			}
			return idempotentCall && http.getStatusCode().is5xxServerError();
		}
		return idempotentCall && failure instanceof ResourceAccessException;
	}

	/**
	 * The wait before the next attempt: what Jira asked for, else exponential backoff
	 * with jitter.
	 */
	Duration waitBefore(int attempt, Throwable failure) {
		if (failure instanceof HttpStatusCodeException http) {
			Optional<Duration> asked = serverWait(http);
			if (asked.isPresent()) {
				return asked.get();
			}
		}
		long base = this.properties.initialBackoff().toMillis() << Math.min(attempt - 1, 10);
		long jittered = (long) (base * (0.5 + ThreadLocalRandom.current().nextDouble()));
		return Duration.ofMillis(Math.min(jittered, this.properties.maxWait().toMillis()));
	}

	/**
	 * {@code Retry-After} in seconds or as an HTTP date, else {@code X-RateLimit-Reset}
	 * as an ISO timestamp.
	 */
	static Optional<Duration> serverWait(HttpStatusCodeException http) {
		HttpHeaders headers = http.getResponseHeaders();
		if (headers == null) {
			return Optional.empty();
		}
		String retryAfter = headers.getFirst(HttpHeaders.RETRY_AFTER);
		if (retryAfter != null) {
			try {
				return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(retryAfter.trim()))));
			}
			catch (NumberFormatException ex) {
				try {
					return Optional.of(untilNow(
							ZonedDateTime.parse(retryAfter.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant()));
				}
				catch (DateTimeParseException ignored) {
					// Fall through to X-RateLimit-Reset.
				}
			}
		}
		String reset = headers.getFirst("X-RateLimit-Reset");
		if (reset != null) {
			try {
				return Optional.of(untilNow(OffsetDateTime.parse(reset.trim()).toInstant()));
			}
			catch (DateTimeParseException ignored) {
				return Optional.empty();
			}
		}
		return Optional.empty();
	}

	private static Duration untilNow(Instant instant) {
		Duration wait = Duration.between(Instant.now(), instant);
		return wait.isNegative() ? Duration.ZERO : wait;
	}

	private static String summary(Throwable failure) {
		if (failure instanceof HttpStatusCodeException http) {
			return "HTTP " + http.getStatusCode().value();
		}
		return failure == null ? "unknown" : failure.getClass().getSimpleName();
	}

}

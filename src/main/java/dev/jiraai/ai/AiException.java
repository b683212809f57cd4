package dev.jiraai.ai;

import java.time.Duration;
import java.util.List;

/**
 * An AI request could not be answered; the subclass says why and what the user or admin
 * can do.
 */
public abstract sealed class AiException extends RuntimeException permits AiException.NotConfigured,
		AiException.BudgetExceeded, AiException.RateLimited, AiException.QuotaExhausted, AiException.Rejected,
		AiException.Unavailable, AiException.TimedOut, AiException.OutputInvalid, AiException.Incomplete {

	AiException(String message, Throwable cause) {
		super(message, cause);
	}

	/** No model with an API key is configured for the site. */
	public static final class NotConfigured extends AiException {

		NotConfigured(String clientKey) {
			super(("No AI model is configured for this site: a Jira admin can add an OpenAI-compatible endpoint and API "
					+ "key in AI Assistant settings, or the operator can set OPENAI_API_KEY (site %s)")
				.formatted(clientKey), null);
		}

	}

	/** A daily token budget is spent. */
	public static final class BudgetExceeded extends AiException {

		private final Duration retryAfter;

		BudgetExceeded(String who, long used, long budget, Duration retryAfter) {
			super("The daily AI budget of %s is spent (%d of %d tokens); it renews at midnight UTC".formatted(who, used,
					budget), null);
			this.retryAfter = retryAfter;
		}

		public Duration retryAfter() {
			return this.retryAfter;
		}

	}

	/** The provider rate-limited the app longer than the request could wait. */
	public static final class RateLimited extends AiException {

		private final Duration retryAfter;

		RateLimited(Duration retryAfter, Throwable cause) {
			super("The AI provider is rate limiting this site; try again in %d s".formatted(retryAfter.toSeconds()),
					cause);
			this.retryAfter = retryAfter;
		}

		public Duration retryAfter() {
			return this.retryAfter;
		}

	}

	/**
	 * The provider account has no quota left ({@code insufficient_quota}); retrying
	 * cannot help.
	 */
	public static final class QuotaExhausted extends AiException {

		QuotaExhausted(String message, Throwable cause) {
			super("The AI provider account has no quota left: check its billing (%s)".formatted(message), cause);
		}

	}

	/** The provider refused the request (bad key, unknown model, invalid request). */
	public static final class Rejected extends AiException {

		private final int status;

		Rejected(int status, String message, Throwable cause) {
			super("The AI provider refused the request (HTTP %d): %s".formatted(status, message), cause);
			this.status = status;
		}

		public int status() {
			return this.status;
		}

	}

	/**
	 * The provider failed or could not be reached, after the retries the time allowed.
	 */
	public static final class Unavailable extends AiException {

		Unavailable(String message, Throwable cause) {
			super("The AI provider is unavailable: " + message, cause);
		}

	}

	/** The request's time ran out. */
	public static final class TimedOut extends AiException {

		TimedOut(Duration limit) {
			super("The AI model did not answer within %d s".formatted(limit.toSeconds()), null);
		}

	}

	/**
	 * The model's answer did not match the expected structure, even after one repair
	 * attempt.
	 */
	public static final class OutputInvalid extends AiException {

		private final List<String> problems;

		OutputInvalid(String promptId, List<String> problems) {
			super("The AI answer for '%s' was not valid: %s".formatted(promptId, String.join("; ", problems)), null);
			this.problems = List.copyOf(problems);
		}

		public List<String> problems() {
			return this.problems;
		}

	}

	/**
	 * A streamed answer was cut before the model finished; its partial text must not be
	 * acted on.
	 */
	public static final class Incomplete extends AiException {

		private final String partialText;

		Incomplete(String partialText, Throwable cause) {
			super("The AI answer was cut off before it finished", cause);
			this.partialText = partialText;
		}

		public String partialText() {
			return this.partialText;
		}

	}

}

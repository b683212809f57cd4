package dev.jiraai.ai;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

import dev.jiraai.tenancy.Site;

import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.stereotype.Service;

/**
 * "Test connection": one minimal call to the model a site uses now, through the same
 * client its features use ({@link SiteChatModels}), told in words an admin can act on.
 */
@Service
public class ModelCheck {

	private static final String PROMPT = "Reply with the single word OK.";

	private final SiteModelSettings settings;

	private final SiteChatModels models;

	ModelCheck(SiteModelSettings settings, SiteChatModels models) {
		this.settings = settings;
		this.models = models;
	}

	/**
	 * What one call to the site's model showed.
	 *
	 * @param ok whether the model answered
	 * @param latencyMs how long the call took
	 * @param model the model that answered (as the provider named it), or the one asked
	 * for when it did not answer
	 * @param error what went wrong, in plain words, or {@code null}
	 */
	public record Result(boolean ok, long latencyMs, String model, String error) {
	}

	/** Calls the site's model once; never throws for a failed call, it describes it. */
	public Result check(Site site) {
		SiteModelSettings.ModelSettings current = this.settings.effective(site);
		if (!current.keyConfigured()) {
			return new Result(false, 0, current.model(), "No API key is configured for this site.");
		}
		long start = System.nanoTime();
		try {
			ChatResponse response = this.models.forSite(site, current)
				.chat()
				// The site's temperature too: a model that refuses it says so here, not
				// in a
				// feature.
				.call(new Prompt(PROMPT,
						OpenAiChatOptions.builder()
							.model(current.model())
							.temperature(current.temperature())
							.maxTokens(5)
							.build()));
			String answered = (response.getMetadata().getModel() == null || response.getMetadata().getModel().isBlank())
					? current.model() : response.getMetadata().getModel();
			return new Result(true, elapsed(start), answered, null);
		}
		catch (RuntimeException ex) {
			return new Result(false, elapsed(start), current.model(), describe(ex, current));
		}
	}

	private static long elapsed(long start) {
		return Duration.ofNanos(System.nanoTime() - start).toMillis();
	}

	static String describe(Throwable failure, SiteModelSettings.ModelSettings current) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof ProviderError error) {
				return switch (error.status()) {
					case 400 -> "The model refused the request: %s".formatted(error.getMessage());
					case 401 -> "The API key was refused (HTTP 401).";
					case 403 -> "The API key may not use this model (HTTP 403).";
					case 404 -> "The endpoint has no model '%s', or %s is not an OpenAI-compatible endpoint (HTTP 404)."
						.formatted(current.model(), current.baseUrl());
					case 429 -> error.insufficientQuota() ? "The provider's account has no quota left (HTTP 429)."
							: "The provider is rate limiting this key; try again in a minute (HTTP 429).";
					default -> "The provider answered HTTP %d: %s".formatted(error.status(), error.getMessage());
				};
			}
			if (cause instanceof UnknownHostException) {
				return "The host %s is unknown: check the base URL.".formatted(current.baseUrl().getHost());
			}
			if (cause instanceof ConnectException) {
				return "Nothing answers at %s: the host is unreachable.".formatted(current.baseUrl());
			}
			if (cause instanceof HttpTimeoutException || cause instanceof java.net.SocketTimeoutException) {
				return "The model did not answer in time.";
			}
		}
		return "The call failed: " + failure.getMessage();
	}

}

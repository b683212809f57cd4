package dev.jiraai.ai;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The AI core: the default model of every site, time and retry bounds, token budgets,
 * prices, the encryption of stored API keys and the prompt catalog.
 *
 * @param apiKey the default API key ({@code OPENAI_API_KEY}); without one and without a
 * site override, AI features explain what to configure
 * @param apiKeyFile a file holding the default API key (a mounted secret), re-read when
 * it changes; wins over {@code apiKey}
 * @param baseUrl the default OpenAI-compatible endpoint ({@code OPENAI_BASE_URL})
 * @param model the default chat model ({@code OPENAI_MODEL})
 * @param requestTimeout the total time one user request may spend on the model, retries
 * included
 * @param maxAttempts attempts per model call, the first included
 * @param keyCacheTtl how long a resolved API key is reused before it is read again
 * @param structuredOutput how JSON answers are requested: {@code json-schema} (the
 * provider's response format) or {@code instructed} (the schema in the prompt, for
 * endpoints without json_schema support)
 * @param budget daily token budgets
 * @param prices prices per million tokens by model name, to estimate cost
 * @param encryption keys that encrypt stored API keys
 * @param prompts the prompt catalog
 */
@ConfigurationProperties("jira-ai.ai")
public record AiProperties(String apiKey, String apiKeyFile, @DefaultValue("https://api.openai.com") URI baseUrl,
		@DefaultValue("gpt-4o-mini") String model, @DefaultValue("PT60S") Duration requestTimeout,
		@DefaultValue("3") int maxAttempts, @DefaultValue("PT30S") Duration keyCacheTtl,
		@DefaultValue("json-schema") String structuredOutput, @DefaultValue Budget budget,
		@DefaultValue Map<String, Price> prices, @DefaultValue Encryption encryption, @DefaultValue Prompts prompts) {

	/**
	 * Daily token budgets (prompt and completion tokens, UTC days).
	 *
	 * @param siteDailyTokens tokens a site may use per day; 0 for no limit
	 * @param userDailyTokens tokens one user may use per day; 0 for no limit
	 */
	public record Budget(@DefaultValue("2000000") long siteDailyTokens, @DefaultValue("200000") long userDailyTokens) {
	}

	/**
	 * A model's price.
	 *
	 * @param inputPerMillion USD per million prompt tokens
	 * @param outputPerMillion USD per million completion tokens
	 */
	public record Price(BigDecimal inputPerMillion, BigDecimal outputPerMillion) {
	}

	/**
	 * Encryption of stored API keys (AES-256-GCM).
	 *
	 * @param key the active key, 32 random bytes in base64
	 * ({@code JIRA_AI_ENCRYPTION_KEY})
	 * @param previousKeys keys that still decrypt during a rotation
	 * ({@code JIRA_AI_ENCRYPTION_PREVIOUS_KEYS})
	 */
	public record Encryption(String key, @DefaultValue List<String> previousKeys) {
	}

	/**
	 * The prompt catalog.
	 *
	 * @param directory a folder whose {@code *.md} prompts override the packaged ones
	 * (empty: packaged only)
	 * @param hotReload whether changes in that folder apply without a restart
	 * @param reloadInterval how often the folder is checked for changes
	 */
	public record Prompts(@DefaultValue("") String directory, @DefaultValue("true") boolean hotReload,
			@DefaultValue("PT2S") Duration reloadInterval) {
	}

}

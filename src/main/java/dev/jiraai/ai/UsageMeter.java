package dev.jiraai.ai;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import dev.jiraai.tenancy.Site;
import dev.jiraai.tenancy.SiteDataPurgeDue;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Records every model call in {@code llm_usage} (site, user, feature, model, prompt,
 * tokens, latency, outcome and estimated cost) and enforces the daily token budgets of
 * sites and users.
 */
@Component
class UsageMeter {

	private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

	private final JdbcClient jdbc;

	private final AiProperties properties;

	private final Clock clock;

	UsageMeter(JdbcClient jdbc, AiProperties properties, Optional<Clock> clock) {
		this.jdbc = jdbc;
		this.properties = properties;
		this.clock = clock.orElseGet(Clock::systemUTC);
	}

	/** One attempt of a model call. */
	record Usage(Site site, String accountId, String feature, String model, PromptTemplate prompt, int promptTokens,
			int completionTokens, Duration latency, String outcome) {
	}

	void record(Usage usage) {
		this.jdbc.sql("""
				INSERT INTO llm_usage (client_key, account_id, feature, model, prompt_id, prompt_version, prompt_hash,
				    prompt_tokens, completion_tokens, latency_ms, outcome, cost_usd, created_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
				""")
			.params(usage.site().clientKey(), usage.accountId(), usage.feature(), usage.model(),
					usage.prompt() == null ? null : usage.prompt().id(),
					usage.prompt() == null ? null : usage.prompt().version(),
					usage.prompt() == null ? null : usage.prompt().contentHash(), usage.promptTokens(),
					usage.completionTokens(), usage.latency().toMillis(), usage.outcome(),
					cost(usage.model(), usage.promptTokens(), usage.completionTokens()),
					this.clock.instant().atOffset(ZoneOffset.UTC))
			.update();
	}

	/** The estimated cost in USD, or {@code null} when the model has no price. */
	BigDecimal cost(String model, int promptTokens, int completionTokens) {
		AiProperties.Price price = this.properties.prices().get(model);
		if (price == null) {
			return null;
		}
		return price.inputPerMillion()
			.multiply(BigDecimal.valueOf(promptTokens))
			.add(price.outputPerMillion().multiply(BigDecimal.valueOf(completionTokens)))
			.divide(MILLION, 6, RoundingMode.HALF_UP);
	}

	/**
	 * Refuses a call when the site's or the user's tokens of today (UTC) reached their
	 * budget.
	 * @throws AiException.BudgetExceeded with the time until the budget renews
	 */
	void checkBudget(Site site, String accountId) {
		Instant now = this.clock.instant();
		OffsetDateTime dayStart = LocalDate.ofInstant(now, ZoneOffset.UTC).atStartOfDay().atOffset(ZoneOffset.UTC);
		Duration untilRenewal = Duration.between(now, dayStart.plusDays(1).toInstant());
		long siteBudget = this.properties.budget().siteDailyTokens();
		if (siteBudget > 0) {
			long used = tokens("client_key = ?", dayStart, site.clientKey());
			if (used >= siteBudget) {
				throw new AiException.BudgetExceeded("this site", used, siteBudget, untilRenewal);
			}
		}
		long userBudget = this.properties.budget().userDailyTokens();
		if (userBudget > 0 && accountId != null) {
			long used = tokens("client_key = ? AND account_id = ?", dayStart, site.clientKey(), accountId);
			if (used >= userBudget) {
				throw new AiException.BudgetExceeded("your account", used, userBudget, untilRenewal);
			}
		}
	}

	private long tokens(String where, OffsetDateTime since, Object... keys) {
		Object[] params = new Object[keys.length + 1];
		System.arraycopy(keys, 0, params, 0, keys.length);
		params[keys.length] = since;
		return this.jdbc
			.sql("SELECT COALESCE(SUM(prompt_tokens + completion_tokens), 0) FROM llm_usage WHERE " + where
					+ " AND created_at >= ?")
			.params(params)
			.query(Long.class)
			.single();
	}

	@EventListener
	void on(SiteDataPurgeDue event) {
		this.jdbc.sql("DELETE FROM llm_usage WHERE client_key = ?").param(event.clientKey()).update();
	}

}

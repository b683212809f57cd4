package dev.jiraai.ai;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
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
 * <p>
 * The budgets are read from {@code llm_usage_daily}, one counter row per site and day and
 * one per site, user and day, added to with every call: two rows by primary key instead
 * of a sum over every call of the day, which grew with each call (and cost the database
 * more CPU than the rest of an assessment's queries together under load).
 */
@Component
class UsageMeter {

	private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

	/** The account id of a site's own counter row. */
	static final String SITE_WIDE = "";

	private final JdbcClient jdbc;

	private final AiProperties properties;

	private final Clock clock;

	private final io.micrometer.core.instrument.MeterRegistry meters;

	UsageMeter(JdbcClient jdbc, AiProperties properties, io.micrometer.core.instrument.MeterRegistry meters,
			Optional<Clock> clock) {
		this.meters = meters;
		this.jdbc = jdbc;
		this.properties = properties;
		this.clock = clock.orElseGet(Clock::systemUTC);
	}

	/** One attempt of a model call. */
	record Usage(Site site, String accountId, String feature, String model, PromptTemplate prompt, int promptTokens,
			int completionTokens, Duration latency, String outcome) {
	}

	void record(Usage usage) {
		OffsetDateTime now = this.clock.instant().atOffset(ZoneOffset.UTC);
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
					cost(usage.model(), usage.promptTokens(), usage.completionTokens()), now)
			.update();
		meter(usage);
		long tokens = (long) usage.promptTokens() + usage.completionTokens();
		if (tokens > 0) {
			count(usage.site().clientKey(), SITE_WIDE, now, tokens);
			if (usage.accountId() != null) {
				count(usage.site().clientKey(), usage.accountId(), now, tokens);
			}
		}
	}

	/**
	 * Adds to a day's counter; the site's row first, always, so no two calls deadlock.
	 */
	private void count(String clientKey, String accountId, OffsetDateTime now, long tokens) {
		this.jdbc.sql("""
				INSERT INTO llm_usage_daily (client_key, day, account_id, tokens, updated_at)
				VALUES (?, ?, ?, ?, ?)
				ON CONFLICT (client_key, day, account_id)
				DO UPDATE SET tokens = llm_usage_daily.tokens + EXCLUDED.tokens, updated_at = EXCLUDED.updated_at
				""").params(clientKey, now.toLocalDate(), accountId, tokens, now).update();
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
		LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
		Duration untilRenewal = Duration.between(now, today.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC));
		long siteBudget = this.properties.budget().siteDailyTokens();
		long userBudget = this.properties.budget().userDailyTokens();
		boolean userCounts = userBudget > 0 && accountId != null;
		if (siteBudget <= 0 && !userCounts) {
			return;
		}
		Map<String, Long> used = new HashMap<>();
		this.jdbc.sql("""
				SELECT account_id, tokens FROM llm_usage_daily
				WHERE client_key = ? AND day = ? AND account_id IN (?, ?)
				""")
			.params(site.clientKey(), today, SITE_WIDE, userCounts ? accountId : SITE_WIDE)
			.query((rs, row) -> used.put(rs.getString("account_id"), rs.getLong("tokens")))
			.list();
		long siteUsed = used.getOrDefault(SITE_WIDE, 0L);
		if (siteBudget > 0 && siteUsed >= siteBudget) {
			throw new AiException.BudgetExceeded("this site", siteUsed, siteBudget, untilRenewal);
		}
		long userUsed = userCounts ? used.getOrDefault(accountId, 0L) : 0;
		if (userCounts && userUsed >= userBudget) {
			throw new AiException.BudgetExceeded("your account", userUsed, userBudget, untilRenewal);
		}
	}

	@EventListener
	void on(SiteDataPurgeDue event) {
		this.jdbc.sql("DELETE FROM llm_usage WHERE client_key = ?").param(event.clientKey()).update();
		this.jdbc.sql("DELETE FROM llm_usage_daily WHERE client_key = ?").param(event.clientKey()).update();
	}

	/**
	 * The same as metrics, by feature, model and outcome only (no site, user or prompt
	 * text): latency of each model attempt, tokens by type, estimated cost.
	 */
	private void meter(Usage usage) {
		String feature = String.valueOf(usage.feature());
		String model = String.valueOf(usage.model());
		this.meters.timer("ai.model.calls", "feature", feature, "model", model, "outcome", usage.outcome())
			.record(usage.latency());
		this.meters.counter("ai.tokens", "feature", feature, "model", model, "type", "prompt")
			.increment(usage.promptTokens());
		this.meters.counter("ai.tokens", "feature", feature, "model", model, "type", "completion")
			.increment(usage.completionTokens());
		java.math.BigDecimal cost = cost(usage.model(), usage.promptTokens(), usage.completionTokens());
		if (cost != null) {
			this.meters.counter("ai.cost.usd", "feature", feature, "model", model).increment(cost.doubleValue());
		}
	}

}

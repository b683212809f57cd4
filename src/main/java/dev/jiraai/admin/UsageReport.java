package dev.jiraai.admin;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.jiraai.ai.AiProperties;
import dev.jiraai.tenancy.SiteUser;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * A site's model usage over a period, for its admins: tokens and estimated cost per UTC
 * day, per feature and for the ten users who used the most, and today's tokens against
 * the daily budgets. Read from the rows the AI core writes for every model call
 * ({@code llm_usage}, {@code llm_usage_daily}); a cost is {@code null} when no call of it
 * had a price.
 */
@Service
class UsageReport {

	static final int TOP_USERS = 10;

	private final JdbcClient jdbc;

	private final AiProperties ai;

	private final AccountNames names;

	private final Clock clock;

	UsageReport(JdbcClient jdbc, AiProperties ai, AccountNames names, Optional<Clock> clock) {
		this.jdbc = jdbc;
		this.ai = ai;
		this.names = names;
		this.clock = clock.orElseGet(Clock::systemUTC);
	}

	/** Tokens and cost of a day, a feature or a user. */
	record Tokens(long promptTokens, long completionTokens, long totalTokens, BigDecimal estimatedCostUsd) {
	}

	record Day(LocalDate day, long promptTokens, long completionTokens, long totalTokens, BigDecimal estimatedCostUsd) {
	}

	record Feature(String feature, long promptTokens, long completionTokens, long totalTokens,
			BigDecimal estimatedCostUsd) {
	}

	record User(String accountId, String displayName, long promptTokens, long completionTokens, long totalTokens,
			BigDecimal estimatedCostUsd) {
	}

	/**
	 * Today's (UTC) tokens of the site against its daily budgets.
	 *
	 * @param used the site's tokens of today
	 * @param siteDailyTokens the site's daily budget, or {@code null} when there is none
	 * @param userDailyTokens each user's daily budget, or {@code null} when there is none
	 */
	record BudgetToday(LocalDate day, long used, Long siteDailyTokens, Long userDailyTokens) {
	}

	record Usage(LocalDate from, LocalDate to, Tokens total, List<Day> days, List<Feature> features,
			List<User> topUsers, BudgetToday budgetToday) {
	}

	Usage of(SiteUser admin, Period period) {
		String site = admin.site().clientKey();
		Map<LocalDate, Day> byDay = new HashMap<>();
		this.jdbc.sql("""
				SELECT (created_at AT TIME ZONE 'UTC')::date AS day, SUM(prompt_tokens) AS prompt,
				    SUM(completion_tokens) AS completion, SUM(cost_usd) AS cost
				FROM llm_usage WHERE client_key = ? AND created_at >= ? AND created_at < ?
				GROUP BY 1
				""").params(site, period.start(), period.end()).query((rs, row) -> {
			LocalDate day = rs.getObject("day", LocalDate.class);
			long prompt = rs.getLong("prompt");
			long completion = rs.getLong("completion");
			return byDay.put(day, new Day(day, prompt, completion, prompt + completion, rs.getBigDecimal("cost")));
		}).list();
		List<Day> days = new ArrayList<>();
		for (LocalDate day = period.from(); !day.isAfter(period.to()); day = day.plusDays(1)) {
			days.add(byDay.getOrDefault(day, new Day(day, 0, 0, 0, null)));
		}
		List<Feature> features = this.jdbc.sql("""
				SELECT feature, SUM(prompt_tokens) AS prompt, SUM(completion_tokens) AS completion,
				    SUM(cost_usd) AS cost
				FROM llm_usage WHERE client_key = ? AND created_at >= ? AND created_at < ?
				GROUP BY feature ORDER BY SUM(prompt_tokens + completion_tokens) DESC, feature
				""").params(site, period.start(), period.end()).query((rs, row) -> {
			long prompt = rs.getLong("prompt");
			long completion = rs.getLong("completion");
			return new Feature(rs.getString("feature"), prompt, completion, prompt + completion,
					rs.getBigDecimal("cost"));
		}).list();
		List<User> users = this.jdbc.sql("""
				SELECT account_id, SUM(prompt_tokens) AS prompt, SUM(completion_tokens) AS completion,
				    SUM(cost_usd) AS cost
				FROM llm_usage
				WHERE client_key = ? AND created_at >= ? AND created_at < ? AND account_id IS NOT NULL
				GROUP BY account_id ORDER BY SUM(prompt_tokens + completion_tokens) DESC, account_id
				LIMIT ?
				""").params(site, period.start(), period.end(), TOP_USERS).query((rs, row) -> {
			long prompt = rs.getLong("prompt");
			long completion = rs.getLong("completion");
			String accountId = rs.getString("account_id");
			return new User(accountId, null, prompt, completion, prompt + completion, rs.getBigDecimal("cost"));
		})
			.list()
			.stream()
			.map(user -> new User(user.accountId(), this.names.of(admin, user.accountId()), user.promptTokens(),
					user.completionTokens(), user.totalTokens(), user.estimatedCostUsd()))
			.toList();
		long prompt = days.stream().mapToLong(Day::promptTokens).sum();
		long completion = days.stream().mapToLong(Day::completionTokens).sum();
		BigDecimal cost = days.stream()
			.map(Day::estimatedCostUsd)
			.filter(java.util.Objects::nonNull)
			.reduce(BigDecimal::add)
			.orElse(null);
		return new Usage(period.from(), period.to(), new Tokens(prompt, completion, prompt + completion, cost), days,
				features, users, budgetToday(site));
	}

	private BudgetToday budgetToday(String site) {
		LocalDate today = LocalDate.ofInstant(this.clock.instant(), ZoneOffset.UTC);
		long used = this.jdbc
			.sql("SELECT tokens FROM llm_usage_daily WHERE client_key = ? AND day = ? AND account_id = ''")
			.params(site, today)
			.query(Long.class)
			.optional()
			.orElse(0L);
		AiProperties.Budget budget = this.ai.budget();
		return new BudgetToday(today, used, budget.siteDailyTokens() > 0 ? budget.siteDailyTokens() : null,
				budget.userDailyTokens() > 0 ? budget.userDailyTokens() : null);
	}

	/** One row per day, feature and user (a call without a user has an empty account). */
	String csv(SiteUser admin, Period period) {
		Csv csv = new Csv().row("day", "feature", "account_id", "display_name", "prompt_tokens", "completion_tokens",
				"total_tokens", "estimated_cost_usd");
		this.jdbc.sql("""
				SELECT (created_at AT TIME ZONE 'UTC')::date AS day, feature, account_id, SUM(prompt_tokens) AS prompt,
				    SUM(completion_tokens) AS completion, SUM(cost_usd) AS cost
				FROM llm_usage WHERE client_key = ? AND created_at >= ? AND created_at < ?
				GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
				""").params(admin.site().clientKey(), period.start(), period.end()).query((rs, row) -> {
			long prompt = rs.getLong("prompt");
			long completion = rs.getLong("completion");
			String accountId = rs.getString("account_id");
			return csv.row(rs.getObject("day", LocalDate.class), rs.getString("feature"), accountId,
					this.names.of(admin, accountId), prompt, completion, prompt + completion, rs.getBigDecimal("cost"));
		}).list();
		return csv.toString();
	}

}

package dev.jiraai.admin;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jiraai.assess.AssessTestData;
import dev.jiraai.support.FakeOpenAi;
import dev.jiraai.support.SimulatedSite;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The usage view: the figures are those the model reported for the calls made, per day,
 * feature and user; periods are checked; the CSV is a spreadsheet's, without formulas.
 */
class UsageAdminTests extends AdminTestSupport {

	@Override
	String siteName() {
		return "usage";
	}

	private void assess(String accountId, String issueKey, int promptTokens, int completionTokens) {
		openAi.reply(new FakeOpenAi.Text(List.of(AssessTestData.VALID), promptTokens, completionTokens));
		HttpResponse<String> response = post("/api/issues/" + issueKey + "/assessments?force=true",
				jwt(this.site, accountId), null, "application/json");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
	}

	private static LocalDate today() {
		return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
	}

	@Test
	void showsTheTokensAndCostTheModelReportedPerDayFeatureAndUser() throws Exception {
		LocalDate first = today();
		assess(this.bob, "SCRUM-1", 1200, 300);
		assess(this.alice, "SCRUM-1", 1000, 100);
		clock.advance(Duration.ofDays(1));
		assess(this.bob, "SCRUM-1", 500, 50);
		SimulatedSite other = installedSite("usage-other");
		openAi.reply(new FakeOpenAi.Text(List.of(AssessTestData.VALID), 99_000, 9_000));
		assertThat(post("/api/issues/SCRUM-1/assessments?force=true", jwt(other, other.user("Bob")), null,
				"application/json")
			.statusCode()).isEqualTo(200);

		JsonNode usage = asAdmin("/api/admin/usage?from=%s&to=%s".formatted(first, first.plusDays(1)));

		assertThat(usage.path("days")).hasSize(2);
		JsonNode day1 = usage.path("days").get(0);
		assertThat(day1.path("day").asText()).isEqualTo(first.toString());
		assertThat(day1.path("promptTokens").asLong()).isEqualTo(2200);
		assertThat(day1.path("completionTokens").asLong()).isEqualTo(400);
		// gpt-4o-mini: 0.15 USD per million prompt tokens, 0.60 per million completion
		assertThat(day1.path("estimatedCostUsd").decimalValue()).isEqualByComparingTo(new BigDecimal("0.00057"));
		JsonNode day2 = usage.path("days").get(1);
		assertThat(day2.path("promptTokens").asLong()).isEqualTo(500);
		assertThat(day2.path("completionTokens").asLong()).isEqualTo(50);
		assertThat(usage.at("/total/totalTokens").asLong()).isEqualTo(3150);
		assertThat(usage.path("features")).hasSize(1);
		assertThat(usage.at("/features/0/feature").asText()).isEqualTo("assess");
		assertThat(usage.at("/features/0/totalTokens").asLong()).isEqualTo(3150);
		assertThat(usage.path("topUsers")).hasSize(2);
		assertThat(usage.at("/topUsers/0/accountId").asText()).isEqualTo(this.bob);
		assertThat(usage.at("/topUsers/0/displayName").asText()).isEqualTo(displayName(this.bob));
		assertThat(usage.at("/topUsers/0/promptTokens").asLong()).isEqualTo(1700);
		assertThat(usage.at("/topUsers/0/completionTokens").asLong()).isEqualTo(350);
		assertThat(usage.at("/topUsers/1/accountId").asText()).isEqualTo(this.alice);
		assertThat(usage.at("/topUsers/1/totalTokens").asLong()).isEqualTo(1100);

		JsonNode budget = usage.path("budgetToday");
		assertThat(budget.path("day").asText()).isEqualTo(first.plusDays(1).toString());
		assertThat(budget.path("used").asLong()).isEqualTo(550);
		assertThat(budget.path("siteDailyTokens").asLong()).isPositive();
	}

	@Test
	void theDefaultPeriodIsTheLast30DaysAndAnAccountJiraDoesNotKnowShowsAsItsId() throws Exception {
		OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
		usageRow("gone-account-0001", "chat", 10, 5, now);
		usageRow("gone-account-0001", "chat", 1000, 500, now.minusDays(30));

		JsonNode usage = asAdmin("/api/admin/usage");

		assertThat(usage.path("from").asText()).isEqualTo(today().minusDays(29).toString());
		assertThat(usage.path("to").asText()).isEqualTo(today().toString());
		assertThat(usage.path("days")).hasSize(30);
		assertThat(usage.at("/total/totalTokens").asLong()).isEqualTo(15);
		assertThat(usage.at("/topUsers/0/displayName").asText()).isEqualTo("gone-account-0001");
	}

	@Test
	void refusesAPeriodThatEndsBeforeItStartsOrIsLongerThan366Days() throws Exception {
		LocalDate day = LocalDate.of(2026, 3, 1);
		problem(get("/api/admin/usage?from=%s&to=%s".formatted(day, day.minusDays(1)), jwt(this.site, this.alice)), 400,
				"invalid-period");
		problem(get("/api/admin/usage.csv?from=%s&to=%s".formatted(day, day.plusDays(366)), jwt(this.site, this.alice)),
				400, "invalid-period");
		assertThat(asAdmin("/api/admin/usage?from=%s&to=%s".formatted(day, day.plusDays(365))).path("days"))
			.hasSize(366);
		assertThat(get("/api/admin/usage?from=yesterday", jwt(this.site, this.alice)).statusCode()).isEqualTo(400);
	}

	@Test
	void exportsOneRowPerDayFeatureAndUserWithoutFormulas() throws Exception {
		OffsetDateTime noon = LocalDate.of(2026, 5, 4).atTime(12, 0).atOffset(ZoneOffset.UTC);
		usageRow(this.alice, "chat", 100, 10, noon);
		usageRow(this.alice, "chat", 200, 20, noon.plusHours(1));
		usageRow(this.alice, "=HYPERLINK(\"http://evil\")", 1, 1, noon);
		usageRow(this.bob, "assess", 7, 3, noon.plusDays(1));
		usageRow(this.bob, "assess", 7, 3, noon.plusDays(9));

		HttpResponse<String> csv = get("/api/admin/usage.csv?from=2026-05-04&to=2026-05-05",
				jwt(this.site, this.alice));

		assertThat(csv.statusCode()).as(csv.body()).isEqualTo(200);
		assertThat(csv.headers().firstValue("Content-Type"))
			.hasValueSatisfying(type -> assertThat(type).startsWith("text/csv"));
		assertThat(csv.headers().firstValue("Content-Disposition"))
			.hasValue("attachment; filename=\"usage-2026-05-04-2026-05-05.csv\"");
		List<String> lines = csv.body().lines().toList();
		assertThat(lines.get(0)).isEqualTo(
				"day,feature,account_id,display_name,prompt_tokens,completion_tokens,total_tokens,estimated_cost_usd");
		assertThat(lines.subList(1, lines.size())).containsExactlyInAnyOrder(
				"2026-05-04,\"'=HYPERLINK(\"\"http://evil\"\")\",%s,%s,1,1,2,0.000001".formatted(this.alice,
						displayName(this.alice)),
				"2026-05-04,chat,%s,%s,300,30,330,0.000063".formatted(this.alice, displayName(this.alice)),
				"2026-05-05,assess,%s,%s,7,3,10,0.000003".formatted(this.bob, displayName(this.bob)));
	}

	@Test
	void aNonAdminGetsNoUsage() throws Exception {
		problem(get("/api/admin/usage", jwt(this.site, this.bob)), 403, "not-site-admin");
		problem(get("/api/admin/usage.csv", jwt(this.site, this.bob)), 403, "not-site-admin");
	}

	private void usageRow(String accountId, String feature, int prompt, int completion, OffsetDateTime at) {
		BigDecimal cost = new BigDecimal("0.15").multiply(BigDecimal.valueOf(prompt))
			.add(new BigDecimal("0.60").multiply(BigDecimal.valueOf(completion)))
			.divide(BigDecimal.valueOf(1_000_000), 6, java.math.RoundingMode.HALF_UP);
		this.jdbc.sql("""
				INSERT INTO llm_usage (client_key, account_id, feature, model, prompt_tokens, completion_tokens,
				    latency_ms, outcome, cost_usd, created_at)
				VALUES (?, ?, ?, 'gpt-4o-mini', ?, ?, 10, 'ok', ?, ?)
				""").params(this.site.clientKey(), accountId, feature, prompt, completion, cost, at).update();
	}

}

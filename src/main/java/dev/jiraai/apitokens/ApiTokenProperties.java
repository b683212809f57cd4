package dev.jiraai.apitokens;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Limits of API tokens ({@code jira-ai.api-tokens.*}).
 *
 * @param requestsPerMinute the most requests one token may make in a calendar minute;
 * more are answered 429 until the next minute
 * @param maxActivePerUser the most tokens a user may hold that are neither revoked nor
 * expired
 */
@Validated
@ConfigurationProperties("jira-ai.api-tokens")
record ApiTokenProperties(@DefaultValue("60") @Min(1) @Max(10_000) int requestsPerMinute,
		@DefaultValue("20") @Min(1) @Max(1_000) int maxActivePerUser) {
}

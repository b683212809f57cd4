package dev.jiraai.chat;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the assistant's turns run ({@code jira-ai.chat.*}).
 *
 * @param maxToolCalls the most tool calls one message may make; then the model answers
 * with what it found
 * @param historyTokens how much of the conversation the model reads besides the running
 * summary of older turns (estimated at four characters a token)
 * @param assessLimit the most issues one message may have assessed
 */
@Validated
@ConfigurationProperties("jira-ai.chat")
public record ChatProperties(@DefaultValue("8") @Min(1) @Max(30) int maxToolCalls,
		@DefaultValue("3000") @Min(200) int historyTokens, @DefaultValue("3") @Min(1) @Max(10) int assessLimit) {
}

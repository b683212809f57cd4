package dev.jiraai.apitokens;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ApiTokenProperties} binds {@code jira-ai.api-tokens.*}: 60 requests a minute and
 * 20 active tokens per user by default.
 */
class ApiTokenPropertiesTests {

	@Test
	void allowsSixtyRequestsAMinuteAndTwentyTokensByDefault() {
		ApiTokenProperties properties = bind(Map.of());
		assertThat(properties.requestsPerMinute()).isEqualTo(60);
		assertThat(properties.maxActivePerUser()).isEqualTo(20);
	}

	@Test
	void takesTheConfiguredLimits() {
		ApiTokenProperties properties = bind(
				Map.of("jira-ai.api-tokens.requests-per-minute", "120", "jira-ai.api-tokens.max-active-per-user", "5"));
		assertThat(properties.requestsPerMinute()).isEqualTo(120);
		assertThat(properties.maxActivePerUser()).isEqualTo(5);
	}

	private static ApiTokenProperties bind(Map<String, String> properties) {
		return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("jira-ai.api-tokens",
				ApiTokenProperties.class);
	}

}

package dev.jiraai.ai;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Personal data is hidden from the model unless the configuration says otherwise.
 */
class PrivacyPropertiesTests {

	private static PrivacyProperties bind(Map<String, String> values) {
		return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate("jira-ai.privacy",
				PrivacyProperties.class);
	}

	@Test
	void masksPersonalDataByDefault() {
		assertThat(bind(Map.of()).maskPersonalDataDefault()).isTrue();
	}

	@Test
	void theDefaultCanBeTurnedOff() {
		assertThat(bind(Map.of("jira-ai.privacy.mask-personal-data-default", "false")).maskPersonalDataDefault())
			.isFalse();
	}

}

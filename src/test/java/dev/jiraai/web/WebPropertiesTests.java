package dev.jiraai.web;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link WebProperties} binds {@code jira-ai.web.*}, with a 1 MB body limit by default.
 */
class WebPropertiesTests {

	@Test
	void limitsBodiesToOneMegabyteByDefault() {
		assertThat(bind(Map.of()).maxBodySize()).isEqualTo(DataSize.ofMegabytes(1));
	}

	@Test
	void takesTheConfiguredLimit() {
		assertThat(bind(Map.of("jira-ai.web.max-body-size", "256KB")).maxBodySize())
			.isEqualTo(DataSize.ofKilobytes(256));
	}

	private static WebProperties bind(Map<String, String> properties) {
		return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("jira-ai.web",
				WebProperties.class);
	}

}

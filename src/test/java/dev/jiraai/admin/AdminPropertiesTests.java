package dev.jiraai.admin;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link AdminProperties} binds {@code jira-ai.admin.*}: private hosts and plain http are
 * refused unless the operator allows them.
 */
class AdminPropertiesTests {

	@Test
	void refusesPrivateHostsAndHttpByDefault() {
		AdminProperties properties = bind(Map.of());
		assertThat(properties.allowPrivateModelHosts()).isFalse();
		assertThat(properties.allowHttpModelUrls()).isFalse();
	}

	@Test
	void takesTheOperatorsChoice() {
		AdminProperties properties = bind(Map.of("jira-ai.admin.allow-private-model-hosts", "true",
				"jira-ai.admin.allow-http-model-urls", "true"));
		assertThat(properties.allowPrivateModelHosts()).isTrue();
		assertThat(properties.allowHttpModelUrls()).isTrue();
	}

	private static AdminProperties bind(Map<String, String> properties) {
		return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("jira-ai.admin",
				AdminProperties.class);
	}

}

package dev.jiraai;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Profiles;
import org.springframework.util.StringUtils;

/**
 * Refuses to start the {@code production} profile without the settings a real deployment
 * cannot do without, before anything else starts (an embedded database, a listener on a
 * port): a public HTTPS base URL and an external PostgreSQL with its credentials.
 */
class ProductionSettingsCheck implements EnvironmentPostProcessor {

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (!environment.acceptsProfiles(Profiles.of("production"))) {
			return;
		}
		List<String> missing = new ArrayList<>();
		String baseUrl = environment.getProperty("app.base-url", "");
		if (!baseUrl.startsWith("https://") || URI.create(baseUrl).getHost() == null
				|| "localhost".equals(URI.create(baseUrl).getHost())) {
			missing.add("APP_BASE_URL must be the public https:// URL of this app (is '%s')".formatted(baseUrl));
		}
		for (String name : List.of("spring.datasource.url", "spring.datasource.username",
				"spring.datasource.password")) {
			if (!StringUtils.hasText(environment.getProperty(name))) {
				missing.add("%s must be set (%s)".formatted(name, name.toUpperCase().replace('.', '_')));
			}
		}
		if (!missing.isEmpty()) {
			throw new IllegalStateException(
					"The production profile is missing required settings:\n - " + String.join("\n - ", missing));
		}
	}

}

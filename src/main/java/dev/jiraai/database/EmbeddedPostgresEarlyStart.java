package dev.jiraai.database;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Starts the embedded PostgreSQL as soon as the configuration is known, while Spring
 * builds the rest of the application: creating and starting a fresh database cluster took
 * about five of the ten to twenty-four seconds a cold start needed, on the start path of
 * nothing else. The data source bean then takes the server already starting
 * ({@link EmbeddedPostgresServer#start}). Added by the application's {@code main} (tests
 * build their contexts otherwise and start it when their data source needs it); does
 * nothing when {@code spring.datasource.url} names another database.
 */
public class EmbeddedPostgresEarlyStart implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

	@Override
	public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
		ConfigurableEnvironment environment = event.getEnvironment();
		if (!environment.getProperty("spring.datasource.url", "").isEmpty()) {
			return;
		}
		EmbeddedDatabaseProperties properties = Binder.get(environment)
			.bindOrCreate("jira-ai.embedded-postgres", EmbeddedDatabaseProperties.class);
		EmbeddedPostgresServer.startEarly(properties);
	}

}

package dev.jiraai.database;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The embedded PostgreSQL used when {@code SPRING_DATASOURCE_URL} is not set.
 *
 * @param dataDirectory where its data persists between runs; empty for a throw-away
 * database (tests)
 * @param port its port; 0 picks a free one
 * @param database the database the app uses in it
 */
@ConfigurationProperties("jira-ai.embedded-postgres")
record EmbeddedDatabaseProperties(@DefaultValue("./data/postgres") String dataDirectory, @DefaultValue("0") int port,
		@DefaultValue("jira_ai") String database) {

	boolean ephemeral() {
		return this.dataDirectory == null || this.dataDirectory.isBlank();
	}

}

package dev.jiraai.database;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded PostgreSQL keeps its data in its folder across restarts, and hands each
 * throw-away user its own database.
 */
class EmbeddedPostgresServerTests {

	@Test
	void keepsDataInItsFolderAcrossRestarts(@TempDir Path folder) throws Exception {
		EmbeddedDatabaseProperties properties = new EmbeddedDatabaseProperties(folder.resolve("pg").toString(), 0,
				"jira_ai");
		try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(properties);
				Connection connection = DriverManager.getConnection(server.jdbcUrl(), "postgres", "");
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE TABLE remembered (note TEXT)");
			statement.execute("INSERT INTO remembered VALUES ('still here')");
		}

		try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(properties);
				Connection connection = DriverManager.getConnection(server.jdbcUrl(), "postgres", "");
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("SELECT note FROM remembered")) {
			assertThat(rows.next()).isTrue();
			assertThat(rows.getString(1)).isEqualTo("still here");
		}
	}

	@Test
	void givesEveryThrowAwayUserItsOwnDatabase() throws Exception {
		EmbeddedDatabaseProperties properties = new EmbeddedDatabaseProperties("", 0, "isolated");
		try (EmbeddedPostgresServer first = EmbeddedPostgresServer.start(properties);
				EmbeddedPostgresServer second = EmbeddedPostgresServer.start(properties)) {
			assertThat(first.jdbcUrl()).isNotEqualTo(second.jdbcUrl());
			try (Connection connection = DriverManager.getConnection(first.jdbcUrl(), "postgres", "");
					Statement statement = connection.createStatement()) {
				statement.execute("CREATE TABLE only_in_first (id INT)");
			}
			try (Connection connection = DriverManager.getConnection(second.jdbcUrl(), "postgres", "");
					ResultSet tables = connection.getMetaData().getTables(null, null, "only_in_first", null)) {
				assertThat(tables.next()).isFalse();
			}
		}
	}

}

package dev.jiraai.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server started in-process from the binaries zonky ships in a jar.
 * <p>
 * With a data directory the data survives restarts (local runs). Without one, every
 * application context of the JVM shares one throw-away server and gets a fresh database
 * in it: tests start in a fraction of the time and never see each other's rows.
 */
final class EmbeddedPostgresServer implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

	private static final AtomicInteger databaseCounter = new AtomicInteger();

	private static EmbeddedPostgres sharedEphemeral;

	private final EmbeddedPostgres postgres;

	private final boolean owned;

	private final String database;

	private EmbeddedPostgresServer(EmbeddedPostgres postgres, boolean owned, String database) {
		this.postgres = postgres;
		this.owned = owned;
		this.database = database;
	}

	/** A start begun early, and the properties it was begun with. */
	private static final java.util.concurrent.atomic.AtomicReference<EarlyStart> early = new java.util.concurrent.atomic.AtomicReference<>();

	private record EarlyStart(EmbeddedDatabaseProperties properties,
			java.util.concurrent.CompletableFuture<EmbeddedPostgresServer> server) {
	}

	/**
	 * Begins starting the server in the background; the next {@link #start} with the same
	 * properties takes it.
	 */
	static void startEarly(EmbeddedDatabaseProperties properties) {
		java.util.concurrent.CompletableFuture<EmbeddedPostgresServer> server = new java.util.concurrent.CompletableFuture<>();
		if (early.compareAndSet(null, new EarlyStart(properties, server))) {
			Thread.ofPlatform().name("embedded-postgres-start").daemon().start(() -> {
				try {
					server.complete(startNow(properties));
				}
				catch (RuntimeException ex) {
					server.completeExceptionally(ex);
				}
			});
		}
	}

	static EmbeddedPostgresServer start(EmbeddedDatabaseProperties properties) {
		EarlyStart begun = early.get();
		if (begun != null && begun.properties().equals(properties) && early.compareAndSet(begun, null)) {
			try {
				return begun.server().join();
			}
			catch (java.util.concurrent.CompletionException ex) {
				throw (ex.getCause() instanceof RuntimeException runtime) ? runtime : ex;
			}
		}
		return startNow(properties);
	}

	private static EmbeddedPostgresServer startNow(EmbeddedDatabaseProperties properties) {
		try {
			if (properties.ephemeral()) {
				EmbeddedPostgres shared = sharedEphemeral(properties.port());
				String database = properties.database() + "_" + databaseCounter.incrementAndGet();
				createDatabase(shared, database);
				return new EmbeddedPostgresServer(shared, false, database);
			}
			Path dataDirectory = Path.of(properties.dataDirectory()).toAbsolutePath().normalize();
			Files.createDirectories(dataDirectory);
			EmbeddedPostgres postgres = EmbeddedPostgres.builder()
				.setDataDirectory(dataDirectory)
				.setCleanDataDirectory(false)
				.setPort(properties.port())
				.start();
			createDatabaseIfMissing(postgres, properties.database());
			logger.info("Embedded PostgreSQL on port {} with data in {}", postgres.getPort(), dataDirectory);
			return new EmbeddedPostgresServer(postgres, true, properties.database());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start the embedded PostgreSQL", ex);
		}
	}

	private static synchronized EmbeddedPostgres sharedEphemeral(int port) throws IOException {
		if (sharedEphemeral == null) {
			EmbeddedPostgres postgres = EmbeddedPostgres.builder().setPort(port).start();
			Runtime.getRuntime().addShutdownHook(new Thread(() -> closeQuietly(postgres), "embedded-postgres-stop"));
			logger.info("Throw-away embedded PostgreSQL on port {}", postgres.getPort());
			sharedEphemeral = postgres;
		}
		return sharedEphemeral;
	}

	private static void createDatabase(EmbeddedPostgres postgres, String database) {
		execute(postgres, "CREATE DATABASE " + database);
	}

	private static void createDatabaseIfMissing(EmbeddedPostgres postgres, String database) {
		try (Connection connection = postgres.getPostgresDatabase().getConnection();
				var exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
			exists.setString(1, database);
			if (!exists.executeQuery().next()) {
				createDatabase(postgres, database);
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not prepare database '%s'".formatted(database), ex);
		}
	}

	private static void execute(EmbeddedPostgres postgres, String sql) {
		try (Connection connection = postgres.getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not run '%s' on the embedded PostgreSQL".formatted(sql), ex);
		}
	}

	String jdbcUrl() {
		return this.postgres.getJdbcUrl("postgres", this.database);
	}

	@Override
	public void close() {
		if (this.owned) {
			closeQuietly(this.postgres);
		}
	}

	private static void closeQuietly(EmbeddedPostgres postgres) {
		try {
			postgres.close();
		}
		catch (IOException ex) {
			logger.warn("Could not stop the embedded PostgreSQL cleanly", ex);
		}
	}

}

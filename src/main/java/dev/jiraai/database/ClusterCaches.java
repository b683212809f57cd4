package dev.jiraai.database;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import com.zaxxer.hikari.HikariDataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Evicts cache entries on every instance that shares the database, not only this one.
 * <p>
 * Caches of what the database holds (hosts, installation mappings, prompt overrides,
 * model settings) must not outlive a change made through another instance: a reinstall
 * with a new shared secret must be the only secret at once, everywhere. An eviction is
 * applied here at once and sent with PostgreSQL's {@code NOTIFY}; every instance
 * {@code LISTEN}s on one connection of its own (outside the pool user work draws from)
 * and evicts the same entry. Notifications are delivered only after the sending
 * transaction commits, so no instance reloads the old row. If the listening connection
 * drops, the instance clears its caches and listens again; the caches' own expiry bounds
 * staleness meanwhile.
 */
@Component
public class ClusterCaches implements SmartInitializingSingleton, DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(ClusterCaches.class);

	static final String CHANNEL = "jira_ai_cache_evict";

	/** Separates cache name and key in a notification's payload. */
	private static final String SEPARATOR = "\u001f";

	/** Stands for every key (no key contains the separator characters). */
	private static final String ALL = "\u001eall";

	private static final Duration POLL = Duration.ofSeconds(5);

	private final CacheManager caches;

	private final JdbcTemplate jdbc;

	private final HikariDataSource dataSource;

	private final AtomicBoolean running = new AtomicBoolean(true);

	private Thread listener;

	ClusterCaches(CacheManager caches, JdbcTemplate jdbc, HikariDataSource dataSource) {
		this.caches = caches;
		this.jdbc = jdbc;
		this.dataSource = dataSource;
	}

	/**
	 * A cache by name, for reading through ({@code cache(name).get(key, loader)}); write
	 * paths then call {@link #evict}.
	 * @throws IllegalStateException when no cache of that name is configured
	 */
	public Cache cache(String cacheName) {
		Cache cache = this.caches.getCache(cacheName);
		if (cache == null) {
			throw new IllegalStateException("No cache '%s' is configured".formatted(cacheName));
		}
		return cache;
	}

	/**
	 * Evicts one entry here and on every other instance. Inside a transaction, once it
	 * commits: evicted earlier, the entry could be loaded again from the row not yet
	 * written.
	 */
	public void evict(String cacheName, Object key) {
		afterCommit(cacheName, String.valueOf(key));
	}

	/** Empties a cache here and on every other instance (after the commit, as above). */
	public void clear(String cacheName) {
		afterCommit(cacheName, ALL);
	}

	private void afterCommit(String cacheName, String key) {
		// NOTIFY is itself transactional: PostgreSQL delivers it at the commit.
		notifyOthers(cacheName + SEPARATOR + key);
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					evictLocally(cacheName, key);
				}
			});
		}
		else {
			evictLocally(cacheName, key);
		}
	}

	/**
	 * Failing to tell the others must not fail what changed the data (an install, an
	 * edit): their entries then expire on their own.
	 */
	private void notifyOthers(String payload) {
		try {
			this.jdbc.queryForList("select pg_notify(?, ?)", CHANNEL, payload);
		}
		catch (DataAccessException ex) {
			logger.warn("Could not tell other instances to evict {}: {}", payload.replace(SEPARATOR, "/"),
					ex.getMessage());
		}
	}

	private void evictLocally(String cacheName, String key) {
		Cache cache = this.caches.getCache(cacheName);
		if (cache == null) {
			return;
		}
		if (ALL.equals(key)) {
			cache.clear();
		}
		else {
			cache.evict(key);
		}
	}

	@Override
	public void afterSingletonsInstantiated() {
		this.listener = Thread.ofVirtual().name("cluster-cache-listener").start(this::listen);
	}

	private void listen() {
		while (this.running.get()) {
			try (Connection connection = DriverManager.getConnection(this.dataSource.getJdbcUrl(),
					this.dataSource.getUsername(), this.dataSource.getPassword())) {
				try (Statement statement = connection.createStatement()) {
					statement.execute("LISTEN " + CHANNEL);
				}
				PGConnection postgres = connection.unwrap(PGConnection.class);
				while (this.running.get()) {
					PGNotification[] notifications = postgres.getNotifications((int) POLL.toMillis());
					if (notifications != null) {
						for (PGNotification notification : notifications) {
							apply(notification.getParameter());
						}
					}
				}
			}
			catch (SQLException ex) {
				if (!this.running.get()) {
					return;
				}
				// Evictions may have been missed while not listening.
				logger.warn("Lost the cache eviction channel ({}); clearing caches and listening again",
						ex.getMessage());
				this.caches.getCacheNames().forEach(name -> evictLocally(name, ALL));
				sleep();
			}
		}
	}

	void apply(String payload) {
		int separator = payload.indexOf(SEPARATOR);
		if (separator > 0) {
			evictLocally(payload.substring(0, separator), payload.substring(separator + SEPARATOR.length()));
		}
	}

	private void sleep() {
		try {
			Thread.sleep(POLL);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.running.set(false);
		}
	}

	/**
	 * Stops listening when the app begins to shut down, before the database may go (the
	 * embedded one stops with the context), so that its going is not mistaken for a lost
	 * channel.
	 */
	@EventListener(ContextClosedEvent.class)
	void stopListening() {
		this.running.set(false);
	}

	@Override
	public void destroy() {
		this.running.set(false);
		if (this.listener != null) {
			this.listener.interrupt();
		}
	}

}

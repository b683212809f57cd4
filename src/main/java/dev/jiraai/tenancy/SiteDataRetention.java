package dev.jiraai.tenancy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.atlassian.connect.spring.AtlassianHost;
import com.atlassian.connect.spring.AtlassianHostMappingRepository;
import com.atlassian.connect.spring.AtlassianHostRepository;
import dev.jiraai.connect.SiteInstallRequested;
import dev.jiraai.connect.SiteInstalled;
import dev.jiraai.connect.SiteUninstalled;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Schedules the deletion of an uninstalled site's data and carries it out once the
 * retention period is over.
 * <p>
 * Uninstalling keeps the data for a while (Jira admins often reinstall to fix a problem);
 * reinstalling in that window cancels the deletion. When it is due, every module is told
 * ({@link SiteDataPurgeDue}) and the site's host record, with its shared secret, is
 * deleted last. A reinstall after the window purges the old data first, inside the
 * install request, so it never comes back even if the periodic purge has not run yet.
 */
@Service
public class SiteDataRetention {

	private static final Logger logger = LoggerFactory.getLogger(SiteDataRetention.class);

	private final JdbcClient jdbc;

	private final AtlassianHostRepository hosts;

	private final AtlassianHostMappingRepository mappings;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final Duration retention;

	SiteDataRetention(JdbcClient jdbc, AtlassianHostRepository hosts, AtlassianHostMappingRepository mappings,
			ApplicationEventPublisher events, Optional<Clock> clock, TenancyProperties properties) {
		this.jdbc = jdbc;
		this.hosts = hosts;
		this.mappings = mappings;
		this.events = events;
		this.clock = clock.orElseGet(Clock::systemUTC);
		this.retention = properties.uninstalledDataRetention();
	}

	@EventListener
	@Transactional
	void on(SiteUninstalled event) {
		Instant now = this.clock.instant();
		this.jdbc.sql("""
				INSERT INTO site_data_deletion (client_key, uninstalled_at, purge_after) VALUES (?, ?, ?)
				ON CONFLICT (client_key) DO UPDATE SET uninstalled_at = EXCLUDED.uninstalled_at,
				    purge_after = EXCLUDED.purge_after
				""").params(event.clientKey(), utc(now), utc(now.plus(this.retention))).update();
		logger.info("Site {} uninstalled the app: its data will be deleted after {}", event.clientKey(),
				now.plus(this.retention));
	}

	@EventListener
	@Transactional
	void on(SiteInstalled event) {
		int cancelled = this.jdbc.sql("DELETE FROM site_data_deletion WHERE client_key = ?")
			.param(event.clientKey())
			.update();
		if (cancelled > 0) {
			logger.info("Site {} reinstalled the app: the scheduled deletion of its data is cancelled",
					event.clientKey());
		}
	}

	/**
	 * An install is about to be stored: when this site's retention is over, its old data
	 * (host record included) is purged now, so the library stores a fresh install.
	 */
	@EventListener
	@Transactional
	void on(SiteInstallRequested event) {
		Instant now = this.clock.instant();
		boolean due = this.jdbc
			.sql("SELECT 1 FROM site_data_deletion WHERE client_key = ? AND purge_after <= ? FOR UPDATE")
			.params(event.clientKey(), utc(now))
			.query(Integer.class)
			.optional()
			.isPresent();
		if (due) {
			purge(event.clientKey());
			this.jdbc.sql("DELETE FROM site_data_deletion WHERE client_key = ?").param(event.clientKey()).update();
			logger.info("Site {} reinstalled after its retention ended: its old data was deleted first",
					event.clientKey());
		}
	}

	/** When the data of a site is due for deletion, if it is scheduled. */
	public Optional<Instant> scheduledDeletion(String clientKey) {
		return this.jdbc.sql("SELECT purge_after FROM site_data_deletion WHERE client_key = ?")
			.param(clientKey)
			.query(OffsetDateTime.class)
			.optional()
			.map(OffsetDateTime::toInstant);
	}

	@Scheduled(fixedDelayString = "${jira-ai.tenancy.purge-interval:PT10M}", initialDelayString = "PT1M")
	void purgeDue() {
		purgeDue(this.clock.instant());
	}

	/**
	 * Deletes the data of every site whose retention ended before {@code now} and that
	 * did not reinstall.
	 * @return the client keys purged
	 */
	@Transactional
	public List<String> purgeDue(Instant now) {
		List<String> due = this.jdbc.sql(
				"SELECT client_key FROM site_data_deletion WHERE purge_after <= ? ORDER BY purge_after FOR UPDATE SKIP LOCKED")
			.param(utc(now))
			.query(String.class)
			.list();
		List<String> purged = new ArrayList<>();
		for (String clientKey : due) {
			boolean reinstalled = this.hosts.findById(clientKey).map(AtlassianHost::isAddonInstalled).orElse(false);
			if (!reinstalled) {
				purge(clientKey);
				purged.add(clientKey);
				logger.info("Deleted the data of uninstalled site {}", clientKey);
			}
			this.jdbc.sql("DELETE FROM site_data_deletion WHERE client_key = ?").param(clientKey).update();
		}
		return purged;
	}

	/**
	 * Every module deletes the site's rows and cache entries; the host record goes last.
	 */
	private void purge(String clientKey) {
		this.events.publishEvent(new SiteDataPurgeDue(clientKey));
		this.mappings.deleteByClientKey(clientKey);
		this.hosts.deleteById(clientKey);
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

}

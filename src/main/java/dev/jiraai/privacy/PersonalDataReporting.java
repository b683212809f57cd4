package dev.jiraai.privacy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.atlassian.connect.spring.AtlassianHost;
import com.atlassian.connect.spring.AtlassianHostRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * The personal data reporting cycle: for every installed site that is due, reports the
 * accounts its data mentions ({@value ReportingApi#MAX_ACCOUNTS} per call), erases the
 * data of the accounts Atlassian answers {@code closed}, announces the {@code updated}
 * ones, and schedules the next report after the cycle period (at least
 * {@code jira-ai.privacy.minimum-cycle}) or after the wait a 429 asked for.
 * <p>
 * Several instances may run the job at once: each site is claimed in the database before
 * it is reported, so it is reported once.
 */
@Service
public class PersonalDataReporting {

	private static final Logger logger = LoggerFactory.getLogger(PersonalDataReporting.class);

	private static final Duration RETRY_AFTER_FAILURE = Duration.ofHours(1);

	private final ReportSchedule schedule;

	private final StoredAccounts accounts;

	private final ReportingApi api;

	private final AtlassianHostRepository hosts;

	private final ApplicationEventPublisher events;

	private final PrivacyProperties properties;

	private final Clock clock;

	PersonalDataReporting(ReportSchedule schedule, StoredAccounts accounts, ReportingApi api,
			AtlassianHostRepository hosts, ApplicationEventPublisher events, PrivacyProperties properties,
			Optional<Clock> clock) {
		this.schedule = schedule;
		this.accounts = accounts;
		this.api = api;
		this.hosts = hosts;
		this.events = events;
		this.properties = properties;
		this.clock = clock.orElseGet(Clock::systemUTC);
	}

	@Scheduled(cron = "${jira-ai.privacy.schedule:0 23 * * * *}")
	void reportDue() {
		reportDue(this.clock.instant());
	}

	/**
	 * Reports every installed site due at {@code now} that no other instance is
	 * reporting.
	 * @return the client keys of the sites whose report was accepted
	 */
	public List<String> reportDue(Instant now) {
		this.schedule.scheduleNewSites(now);
		List<String> reported = new ArrayList<>();
		Optional<String> next;
		while ((next = this.schedule.claimNextDue(now, now.plus(this.properties.claimTimeout()))).isPresent()) {
			String clientKey = next.get();
			if (report(clientKey, now)) {
				reported.add(clientKey);
			}
		}
		return reported;
	}

	private boolean report(String clientKey, Instant now) {
		Optional<AtlassianHost> host = this.hosts.findById(clientKey);
		if (host.isEmpty()) {
			this.schedule.postpone(clientKey, now.plus(this.properties.minimumCycle()));
			return false;
		}
		List<StoredAccount> stored = this.accounts.of(clientKey);
		Duration cycle = this.properties.minimumCycle();
		try {
			for (int from = 0; from < stored.size(); from += ReportingApi.MAX_ACCOUNTS) {
				List<StoredAccount> batch = stored.subList(from,
						Math.min(from + ReportingApi.MAX_ACCOUNTS, stored.size()));
				ReportAnswer answer = this.api.report(host.get(), batch);
				if (answer instanceof ReportAnswer.RateLimited limited) {
					// The batches already answered are acted on; the whole site is
					// reported again after the wait.
					this.schedule.postpone(clientKey, now.plus(limited.retryAfter()));
					logger.info("Personal data report of site {} rate limited: next try after {}", clientKey,
							limited.retryAfter());
					return false;
				}
				ReportAnswer.Statuses statuses = (ReportAnswer.Statuses) answer;
				act(clientKey, statuses.accounts());
				if (statuses.cyclePeriod()
					.filter(period -> period.compareTo(this.properties.minimumCycle()) > 0)
					.isPresent()) {
					cycle = statuses.cyclePeriod().get();
				}
			}
		}
		catch (PersonalDataReportFailed ex) {
			this.schedule.postpone(clientKey, now.plus(RETRY_AFTER_FAILURE));
			logger.warn("{}; next try after {}", ex.getMessage(), RETRY_AFTER_FAILURE);
			return false;
		}
		this.schedule.reported(clientKey, now, now.plus(cycle));
		logger.info("Reported {} accounts of site {}; next report after {}", stored.size(), clientKey, now.plus(cycle));
		return true;
	}

	private void act(String clientKey, List<ReportAnswer.AccountStatus> statuses) {
		for (ReportAnswer.AccountStatus status : statuses) {
			if (status.closed()) {
				this.accounts.erase(clientKey, status.accountId());
				this.events.publishEvent(new AccountErased(clientKey, status.accountId()));
				logger.info("Erased the data of closed account {} on site {}", status.accountId(), clientKey);
			}
			else if (status.updated()) {
				// Nothing is cached about users' profiles today; modules that start to
				// cache names or emails listen to this event.
				this.events.publishEvent(new PersonalDataUpdated(clientKey, status.accountId()));
			}
		}
	}

	/** When the site's next report is due, if it has a schedule. */
	public Optional<Instant> nextReportDue(String clientKey) {
		return this.schedule.nextDue(clientKey);
	}

	/** When the site was last reported, if ever. */
	public Optional<Instant> lastReported(String clientKey) {
		return this.schedule.lastReported(clientKey);
	}

}

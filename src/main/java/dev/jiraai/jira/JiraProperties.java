package dev.jiraai.jira;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the app talks to Jira Cloud. Connect and read timeouts are Spring Boot's
 * {@code spring.http.client.*}, which every client of the Connect library is built with.
 *
 * @param retry retries of rate-limited and unavailable calls
 * @param cache caching of site metadata
 * @param searchPageSize issues asked for per search page
 * @param writeLookupWait how long a write whose answer was lost is looked for (by its
 * request id) before it is reported as uncertain; Jira's search index can lag recent
 * creates, so this waits with growing steps, within Forge's 25 s limit of a call
 */
@ConfigurationProperties("jira-ai.jira")
public record JiraProperties(@DefaultValue Retry retry, @DefaultValue Cache cache,
		@DefaultValue("50") int searchPageSize, @DefaultValue("PT16S") Duration writeLookupWait) {

	/**
	 * Retries.
	 *
	 * @param maxAttempts attempts in all, the first included
	 * @param initialBackoff the wait before the first retry when Jira gives no
	 * {@code Retry-After}; doubled each time, with jitter
	 * @param maxWait the longest single wait; a {@code Retry-After} beyond it is not
	 * waited out but reported
	 */
	public record Retry(@DefaultValue("4") int maxAttempts, @DefaultValue("PT0.5S") Duration initialBackoff,
			@DefaultValue("PT30S") Duration maxWait) {
	}

	/**
	 * Metadata caches.
	 *
	 * @param siteTtl how long metadata the same for every user of a site (priorities,
	 * statuses, fields, issue types) is kept
	 * @param userTtl how long metadata that depends on the user's permissions (projects,
	 * create metadata) is kept
	 * @param maxEntries the bound of each cache
	 */
	public record Cache(@DefaultValue("PT10M") Duration siteTtl, @DefaultValue("PT2M") Duration userTtl,
			@DefaultValue("5000") long maxEntries) {
	}

}

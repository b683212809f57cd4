package dev.jiraai.privacy;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the personal data reporting cycle.
 *
 * @param reportingBaseUrl where Atlassian's personal data reporting API lives
 * ({@code POST {base}/app/report-accounts/}); tests point it at a local simulator
 * @param schedule cron expression of the job that looks for sites due for a report;
 * {@code -} switches the job off
 * @param minimumCycle the shortest time between two reports of a site; a longer
 * {@code Cycle-Period} answered by Atlassian wins
 * @param claimTimeout how long one instance holds a site it is reporting before another
 * instance may take it over (an instance that died mid-report)
 */
@ConfigurationProperties("jira-ai.privacy")
record PrivacyProperties(@DefaultValue("https://api.atlassian.com") URI reportingBaseUrl,
		@DefaultValue("0 23 * * * *") String schedule, @DefaultValue("P7D") Duration minimumCycle,
		@DefaultValue("PT15M") Duration claimTimeout) {
}

package dev.jiraai.tasks;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How tasks run ({@code jira-ai.tasks.*}). How many run at once on one instance is
 * db-scheduler's {@code db-scheduler.threads} (virtual threads: waiting on the model
 * costs no platform thread).
 *
 * @param maxRunningPerSite tasks of one site running at once across all instances; more
 * are refused with 429 so one site cannot take every instance's capacity
 * @param eventRetention how long a finished task's events are kept for a late watcher
 * (the result itself stays with the task)
 * @param retention how long finished tasks are kept at all
 * @param watchPollInterval how often a watcher on another instance than the one running
 * the task looks for new events
 * @param cancelCheckInterval how often an instance looks for its running tasks cancelled
 * through another instance
 * @param textFlushInterval the longest the model's text waits before it is written for
 * watchers on other instances and for replay (watchers here get it at once)
 */
@ConfigurationProperties("jira-ai.tasks")
public record TaskProperties(@DefaultValue("50") int maxRunningPerSite, @DefaultValue("PT1H") Duration eventRetention,
		@DefaultValue("P30D") Duration retention, @DefaultValue("PT0.25S") Duration watchPollInterval,
		@DefaultValue("PT1S") Duration cancelCheckInterval, @DefaultValue("PT0.2S") Duration textFlushInterval) {
}

package dev.jiraai.admin;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The admin module's settings ({@code jira-ai.admin.*}).
 *
 * @param auditRetention how long audit entries are kept; older ones are deleted once a
 * day, cluster-wide
 */
@ConfigurationProperties("jira-ai.admin")
record AdminProperties(@DefaultValue("365d") Duration auditRetention) {
}

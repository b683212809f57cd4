package dev.jiraai.admin;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What the operator lets site admins do, and how long the audit is kept
 * ({@code jira-ai.admin.*}).
 *
 * @param allowPrivateModelHosts whether a site's model endpoint may be a loopback,
 * link-local, private or unique-local address (or a name resolving to one, or
 * {@code localhost}); off, so the setting cannot be used to reach hosts inside the
 * operator's network
 * @param allowHttpModelUrls whether a site's model endpoint may use plain {@code http}
 * (the key then travels unencrypted); off in production
 * @param auditRetention how long audit entries are kept; older ones are deleted once a
 * day, cluster-wide
 */
@ConfigurationProperties("jira-ai.admin")
record AdminProperties(@DefaultValue("false") boolean allowPrivateModelHosts,
		@DefaultValue("false") boolean allowHttpModelUrls, @DefaultValue("365d") Duration auditRetention) {
}

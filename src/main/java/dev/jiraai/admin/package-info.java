/**
 * What only a Jira administrator of a site may do: the check itself ({@link SiteAdmins})
 * and its enforcement on every {@code /api/admin/**} endpoint; the site's model and
 * features, and the switches enforced on each feature's endpoints; the site's usage and
 * cost, and its audit log with its retention.
 */
@ApplicationModule(displayName = "Site administration",
		allowedDependencies = { "tenancy", "jira", "jira :: payload", "problem", "ai", "chat" })
package dev.jiraai.admin;

import org.springframework.modulith.ApplicationModule;

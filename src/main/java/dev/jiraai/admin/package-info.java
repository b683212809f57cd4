/**
 * What only a Jira administrator of a site may do: the check itself ({@link SiteAdmins})
 * and its enforcement on every {@code /api/admin/**} endpoint; the site's model and
 * features, and the switches enforced on each feature's endpoints.
 */
@ApplicationModule(displayName = "Site administration",
		allowedDependencies = { "tenancy", "jira", "problem", "ai", "chat" })
package dev.jiraai.admin;

import org.springframework.modulith.ApplicationModule;

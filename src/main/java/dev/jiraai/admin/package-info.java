/**
 * What only a Jira administrator of a site may do: the check itself ({@link SiteAdmins})
 * and its enforcement on every {@code /api/admin/**} endpoint.
 */
@ApplicationModule(displayName = "Site administration", allowedDependencies = { "tenancy", "jira", "problem" })
package dev.jiraai.admin;

import org.springframework.modulith.ApplicationModule;

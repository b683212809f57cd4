/**
 * Tenancy: the {@link dev.jiraai.tenancy.Site} every feature works for, the current site
 * and user of a request (whether it came through Connect or Forge), and the deletion of
 * an uninstalled site's data.
 */
@ApplicationModule(displayName = "Tenancy", allowedDependencies = { "connect", "database" })
package dev.jiraai.tenancy;

import org.springframework.modulith.ApplicationModule;

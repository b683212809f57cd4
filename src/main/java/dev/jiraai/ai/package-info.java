/**
 * AI core: which model each site uses and whether one is configured at all.
 */
@ApplicationModule(displayName = "AI core", allowedDependencies = { "tenancy", "database" })
package dev.jiraai.ai;

import org.springframework.modulith.ApplicationModule;

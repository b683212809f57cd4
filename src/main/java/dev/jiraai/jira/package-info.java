/**
 * Jira Cloud REST v3 client: every operation the assistant needs, one class per API area,
 * made as the user for what the user sees and does and as the app for background work,
 * with ADF conversion, metadata caching and rate-limit resilience.
 */
@ApplicationModule(displayName = "Jira Cloud client", allowedDependencies = { "tenancy", "connect" })
package dev.jiraai.jira;

import org.springframework.modulith.ApplicationModule;

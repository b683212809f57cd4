/**
 * Cross-cutting web concerns: HTTP security, the bootstrap API the frontend starts from,
 * the Connect module pages that serve the built frontend, and the mapping of errors to
 * RFC 9457 problem details.
 */
@ApplicationModule(displayName = "Web",
		allowedDependencies = { "connect", "tenancy", "ai", "jira", "jira::payload", "confirm", "problem" })
package dev.jiraai.web;

import org.springframework.modulith.ApplicationModule;

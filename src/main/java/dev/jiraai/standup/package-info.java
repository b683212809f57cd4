/**
 * Daily stand-up: three answers per user and date (in the user's own Jira time zone),
 * suggested from their Jira activity, posted as one comment per concerned issue through a
 * confirmed proposal, and a team view of a project's day with a short AI summary.
 */
@ApplicationModule(displayName = "Daily stand-up",
		allowedDependencies = { "tenancy", "jira", "jira::payload", "ai", "confirm", "problem" })
package dev.jiraai.standup;

import org.springframework.modulith.ApplicationModule;

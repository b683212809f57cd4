/**
 * Draft with AI: free text into a ready ticket, a requirement analysis, or an epic with
 * its stories, reviewed and edited by the user and created in Jira, as the user, only
 * through a confirmed proposal.
 */
@ApplicationModule(displayName = "Draft with AI",
		allowedDependencies = { "tenancy", "jira", "jira::payload", "ai", "confirm", "tasks", "problem" })
package dev.jiraai.draft;

import org.springframework.modulith.ApplicationModule;

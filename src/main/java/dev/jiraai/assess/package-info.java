/**
 * Assess with AI: scores an issue in its context (comments, parent, subtasks, links),
 * streams while the model writes, remembers results per issue version, and turns them
 * into a comment or an improved description only through proposals the user confirms.
 */
@ApplicationModule(displayName = "Assess with AI",
		allowedDependencies = { "tenancy", "jira", "jira::payload", "ai", "confirm", "tasks", "problem" })
package dev.jiraai.assess;

import org.springframework.modulith.ApplicationModule;

/**
 * Durable AI tasks: long work a user starts (assess an issue, draft tickets, later the
 * chat) runs as a task on db-scheduler over the app's PostgreSQL, so a Forge call never
 * waits on the model, any instance can pick a task up, and a task survives a restart. A
 * task is kept per site and user, reports progress and the model's text as events (SSE
 * for Connect, polling for Forge), checkpoints its finished steps so a restart never pays
 * for a model call twice, and can wait for its user to come back and resume it.
 */
@ApplicationModule(displayName = "AI tasks", allowedDependencies = { "tenancy", "ai", "problem" })
package dev.jiraai.tasks;

import org.springframework.modulith.ApplicationModule;

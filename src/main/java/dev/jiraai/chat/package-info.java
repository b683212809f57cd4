/**
 * The AI Assistant: a conversation with Jira. Each message is a task that classifies it,
 * routes it (requirement analysis, ticket creation, assessment, general question with a
 * bounded loop of Jira tools acting as the user), and pauses for the user's confirmation
 * before anything is written; the first message of a user's day gets the stand-up first.
 * Conversations are kept per site, user and conversation.
 */
@ApplicationModule(displayName = "AI Assistant", allowedDependencies = { "tenancy", "jira", "jira::payload", "ai",
		"confirm", "tasks", "problem", "assess", "draft", "database", "standup", "apitokens" })
package dev.jiraai.chat;

import org.springframework.modulith.ApplicationModule;

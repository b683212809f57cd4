/**
 * Personal API tokens: scripts call the chat API from outside Jira with
 * {@code Authorization: Bearer jaa_...}, acting as the token's owner.
 */
@ApplicationModule(displayName = "API tokens", allowedDependencies = { "tenancy", "problem" })
package dev.jiraai.apitokens;

import org.springframework.modulith.ApplicationModule;

package dev.jiraai.jira.payload;

/**
 * A Jira user as the app may know them: account id and display name, never an e-mail
 * address (Jira hides it for most users, so nothing may depend on it).
 *
 * @param accountId the Atlassian account id
 * @param displayName the name shown in Jira
 * @param active whether the account is active
 */
public record JiraUser(String accountId, String displayName, boolean active) {
}

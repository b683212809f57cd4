package dev.jiraai.privacy;

/**
 * Atlassian reported the account as closed and the app erased what it stored about it on
 * this site.
 *
 * @param clientKey the site the account was reported for
 * @param accountId the Atlassian account id
 */
public record AccountErased(String clientKey, String accountId) {
}

package dev.jiraai.privacy;

/**
 * Atlassian reported that the profile of an account changed since the app last stored
 * data about it: a module that caches anything about that user (names, emails, avatars)
 * drops it. Nothing in the app caches profile data today.
 *
 * @param clientKey the site the account was reported for
 * @param accountId the Atlassian account id
 */
public record PersonalDataUpdated(String clientKey, String accountId) {
}

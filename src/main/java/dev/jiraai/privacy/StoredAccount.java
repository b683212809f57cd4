package dev.jiraai.privacy;

import java.time.Instant;

/**
 * An Atlassian account the app stores data for on one site, and when that data last
 * changed.
 *
 * @param accountId the Atlassian account id
 * @param updatedAt the latest time the app stored or changed data about the account
 */
record StoredAccount(String accountId, Instant updatedAt) {
}

package dev.jiraai.tenancy;

/**
 * The retention period of an uninstalled site is over: every module deletes the rows and
 * cache entries it keeps for this site. Published inside the purge transaction, so a
 * listener that fails rolls the purge back for a later try.
 *
 * @param clientKey the site whose data is deleted
 */
public record SiteDataPurgeDue(String clientKey) {
}

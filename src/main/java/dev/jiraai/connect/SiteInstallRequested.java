package dev.jiraai.connect;

/**
 * A signed install of this site arrived and is about to be stored: published
 * synchronously, before the library saves the host, so that data whose retention ended is
 * purged first and the install starts fresh. Its signature is verified after this event,
 * so listeners may only do what is due anyway (purge data that is past retention).
 *
 * @param clientKey the client key the install is for (equal to the token's issuer)
 */
public record SiteInstallRequested(String clientKey) {
}

/**
 * Personal data: reports the Atlassian accounts the app stores data for to Atlassian's
 * personal data reporting API, once a cycle per site, and erases the data of accounts
 * Atlassian says are closed.
 */
@ApplicationModule(displayName = "Personal data", allowedDependencies = { "connect", "tenancy" })
package dev.jiraai.privacy;

import org.springframework.modulith.ApplicationModule;

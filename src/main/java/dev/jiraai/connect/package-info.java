/**
 * Connect and Forge plumbing: host persistence for atlassian-connect-spring-boot, the
 * checks the library leaves open (qsh, uninstalled sites, Forge token validation with a
 * cached JWKS) and lifecycle events for the rest of the app.
 */
@ApplicationModule(displayName = "Connect and Forge plumbing")
package dev.jiraai.connect;

import org.springframework.modulith.ApplicationModule;

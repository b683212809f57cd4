/**
 * Connect and Forge plumbing: host persistence for atlassian-connect-spring-boot, the
 * checks the library leaves open (qsh, uninstalled sites, Forge token validation with a
 * cached JWKS) and lifecycle events for the rest of the app. The only module that uses
 * the library's internals: the others get Connect JWTs and act-as-user tokens
 * ({@link dev.jiraai.connect.ConnectTokens}), the current Forge invocation
 * ({@link dev.jiraai.connect.ForgeInvocation}) and the like through the app's own types
 * here.
 */
@ApplicationModule(displayName = "Connect and Forge plumbing")
package dev.jiraai.connect;

import org.springframework.modulith.ApplicationModule;

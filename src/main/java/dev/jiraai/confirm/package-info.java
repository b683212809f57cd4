/**
 * Human in the loop: every write the AI proposes is stored exactly as shown, confirmed by
 * the same user on the same site by its id only, carried out once (concurrent confirms
 * get the first result), audited, and expires.
 */
@ApplicationModule(displayName = "Confirmation", allowedDependencies = { "tenancy", "jira" })
package dev.jiraai.confirm;

import org.springframework.modulith.ApplicationModule;

/**
 * Human in the loop: every write the AI proposes is stored exactly as shown, confirmed by
 * the same user on the same site by its id only, carried out once (concurrent confirms
 * get the first result), announced as a {@link dev.jiraai.confirm.ProposalCarriedOut}
 * (the audit log listens), and expires. Each kind's payload is a record its handler
 * declares.
 */
@ApplicationModule(displayName = "Confirmation", allowedDependencies = { "tenancy", "jira", "problem" })
package dev.jiraai.confirm;

import org.springframework.modulith.ApplicationModule;

/**
 * The records the Jira client takes and returns: Jira's wire shapes reduced to what the
 * assistant uses.
 */
@NamedInterface("payload")
package dev.jiraai.jira.payload;

import org.springframework.modulith.NamedInterface;

package dev.jiraai.draft;

import java.util.List;
import java.util.UUID;

import dev.jiraai.jira.IssueNotCreatable;

/**
 * What was drafted, for review.
 *
 * @param proposalId the proposal to edit and confirm, for tickets and breakdowns;
 * {@code null} for an analysis
 * @param drafts the issues to create (a breakdown: the epic first)
 * @param analysis the requirement analysis, for that mode
 * @param similar existing issues that may be duplicates
 * @param problems what the create screen would refuse now, per draft
 */
record DraftResponse(UUID proposalId, List<Draft> drafts, RequirementAnalysis analysis, List<Similar> similar,
		List<IssueNotCreatable.Problem> problems) {

	/**
	 * An existing issue like the draft.
	 *
	 * @param key its key
	 * @param summary its summary
	 * @param status its status
	 * @param url where to open it
	 */
	record Similar(String key, String summary, String status, String url) {
	}

}

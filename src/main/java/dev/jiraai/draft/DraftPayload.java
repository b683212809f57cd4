package dev.jiraai.draft;

import java.util.List;

import dev.jiraai.jira.ProjectKey;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * The payload of a {@code draft.create} proposal: the issues to create in a project, as
 * drafted and then edited by the user. Each draft is checked by {@link DraftChecks}.
 *
 * @param projectKey the project
 * @param drafts the issues, a breakdown's epic first
 */
record DraftPayload(@NotNull(message = "must be a project key like PAY") ProjectKey projectKey,
		@NotNull(message = DRAFT_COUNT) @Size(min = 1, max = DraftPayload.MAX_DRAFTS,
				message = DRAFT_COUNT) List<Draft> drafts) {

	static final int MAX_DRAFTS = 13;

	private static final String DRAFT_COUNT = "must hold 1 to " + MAX_DRAFTS + " issues";

	DraftPayload {
		drafts = (drafts == null) ? null : List.copyOf(drafts);
	}

}

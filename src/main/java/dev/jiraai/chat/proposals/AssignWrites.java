package dev.jiraai.chat.proposals;

import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jiraai.confirm.InvalidProposalPayload;
import dev.jiraai.confirm.ProposalHandler;
import dev.jiraai.jira.JiraException;
import dev.jiraai.jira.JiraIdentity;
import dev.jiraai.jira.JiraIssues;
import dev.jiraai.jira.JiraUsers;
import dev.jiraai.jira.payload.IssueEdit;
import dev.jiraai.tenancy.Site;
import dev.jiraai.tenancy.SiteUser;

import org.springframework.stereotype.Component;

/**
 * Assigns the issue of a confirmed {@code chat.assign} as the confirming user, once: the
 * edit carries the proposal's request id (the issue's write marker), read back by a retry
 * and by the reconciler instead of assigning again.
 */
@Component
class AssignWrites implements ProposalHandler<AssignPayload> {

	private static final ObjectMapper json = new ObjectMapper();

	/** Enough to find one person among namesakes. */
	private static final int CANDIDATES = 20;

	private final JiraIssues issues;

	private final JiraUsers users;

	AssignWrites(JiraIssues issues, JiraUsers users) {
		this.issues = issues;
		this.users = users;
	}

	@Override
	public String kind() {
		return AssignPayload.KIND;
	}

	@Override
	public Class<AssignPayload> payloadType() {
		return AssignPayload.class;
	}

	/** The person must be one Jira lets be assigned this issue now. */
	@Override
	public void check(SiteUser user, AssignPayload payload) {
		boolean assignable = this.users
			.assignable(JiraIdentity.of(user), null, payload.issueKey(), payload.displayName(), CANDIDATES)
			.stream()
			.anyMatch(candidate -> payload.accountId().equals(candidate.accountId()));
		if (!assignable) {
			throw new InvalidProposalPayload("'accountId' must be a person who can be assigned %s; %s cannot".formatted(
					payload.issueKey(), payload.displayName() == null ? payload.accountId() : payload.displayName()));
		}
	}

	@Override
	public Outcome execute(SiteUser user, AssignPayload payload, Attempt attempt) {
		String requestId = attempt.requestId(AssignPayload.KIND);
		if (!attempt.retry() || !this.issues.wasEdited(JiraIdentity.of(user), payload.issueKey(), requestId)) {
			this.issues.edit(user, payload.issueKey(), new IssueEdit(null, null, null, null, null, null,
					Map.of("assignee", Map.of("accountId", payload.accountId()))), requestId);
		}
		return assigned(user.site(), payload);
	}

	@Override
	public Outcome reconcile(Site site, AssignPayload payload, Attempt attempt) {
		try {
			return this.issues.wasEdited(JiraIdentity.app(site), payload.issueKey(),
					attempt.requestId(AssignPayload.KIND)) ? assigned(site, payload)
							: Outcome.nothingWritten(payload.issueKey().value());
		}
		catch (JiraException ex) {
			return Outcome.unknown(payload.issueKey().value());
		}
	}

	private static Outcome assigned(Site site, AssignPayload payload) {
		return new Outcome(
				json.createObjectNode()
					.put("issueKey", payload.issueKey().value())
					.put("accountId", payload.accountId())
					.put("url", site.browseUrl(payload.issueKey().value()).toString()),
				payload.issueKey().value(), "Assigned %s to %s".formatted(payload.issueKey(), payload.accountId()));
	}

}

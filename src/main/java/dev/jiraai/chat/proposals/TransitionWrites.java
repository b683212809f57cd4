package dev.jiraai.chat.proposals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jiraai.confirm.ProposalHandler;
import dev.jiraai.jira.JiraException;
import dev.jiraai.jira.JiraIdentity;
import dev.jiraai.jira.JiraIssues;
import dev.jiraai.jira.JiraTransitions;
import dev.jiraai.tenancy.Site;
import dev.jiraai.tenancy.SiteUser;

import org.springframework.stereotype.Component;

/**
 * Carries out a confirmed {@code chat.transition} as the confirming user, once: the
 * transition carries the proposal's request id (the issue's write marker), so a retry or
 * the reconciler that finds the marker, or finds the issue already in the target status,
 * does not transition again.
 */
@Component
class TransitionWrites implements ProposalHandler<TransitionPayload> {

	private static final ObjectMapper json = new ObjectMapper();

	private final JiraTransitions transitions;

	private final JiraIssues issues;

	private final TransitionPlanner planner;

	TransitionWrites(JiraTransitions transitions, JiraIssues issues, TransitionPlanner planner) {
		this.transitions = transitions;
		this.issues = issues;
		this.planner = planner;
	}

	@Override
	public String kind() {
		return TransitionPayload.KIND;
	}

	@Override
	public Class<TransitionPayload> payloadType() {
		return TransitionPayload.class;
	}

	@Override
	public void check(SiteUser user, TransitionPayload payload) {
		this.planner.check(user, payload);
	}

	@Override
	public Outcome execute(SiteUser user, TransitionPayload payload, Attempt attempt) {
		String requestId = attempt.requestId(TransitionPayload.KIND);
		JiraIdentity who = JiraIdentity.of(user);
		if (attempt.retry() && this.issues.wasEdited(who, payload.issueKey(), requestId)) {
			return moved(user.site(), payload);
		}
		if (payload.toStatus().equalsIgnoreCase(this.planner.currentStatus(who, payload.issueKey()))) {
			return alreadyThere(user.site(), payload);
		}
		this.transitions.transition(user, payload.issueKey(), payload.transitionId(), payload.values(), requestId);
		return moved(user.site(), payload);
	}

	@Override
	public Outcome reconcile(Site site, TransitionPayload payload, Attempt attempt) {
		JiraIdentity app = JiraIdentity.app(site);
		try {
			if (this.issues.wasEdited(app, payload.issueKey(), attempt.requestId(TransitionPayload.KIND))) {
				return moved(site, payload);
			}
			if (payload.toStatus().equalsIgnoreCase(this.planner.currentStatus(app, payload.issueKey()))) {
				return alreadyThere(site, payload);
			}
			return Outcome.nothingWritten(payload.issueKey().value());
		}
		catch (JiraException ex) {
			return Outcome.unknown(payload.issueKey().value());
		}
	}

	private static Outcome moved(Site site, TransitionPayload payload) {
		return new Outcome(result(site, payload), payload.issueKey().value(), "Moved %s from %s to %s ('%s')"
			.formatted(payload.issueKey(), payload.fromStatus(), payload.toStatus(), payload.transitionName()));
	}

	private static Outcome alreadyThere(Site site, TransitionPayload payload) {
		return new Outcome(result(site, payload), payload.issueKey().value(),
				"%s is already in %s; no transition was sent".formatted(payload.issueKey(), payload.toStatus()));
	}

	private static ObjectNode result(Site site, TransitionPayload payload) {
		return json.createObjectNode()
			.put("issueKey", payload.issueKey().value())
			.put("status", payload.toStatus())
			.put("url", site.browseUrl(payload.issueKey().value()).toString());
	}

}

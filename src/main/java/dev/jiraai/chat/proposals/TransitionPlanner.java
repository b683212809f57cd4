package dev.jiraai.chat.proposals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import dev.jiraai.confirm.InvalidProposalPayload;
import dev.jiraai.jira.IssueKey;
import dev.jiraai.jira.JiraIdentity;
import dev.jiraai.jira.JiraIssues;
import dev.jiraai.jira.JiraTransitions;
import dev.jiraai.jira.payload.AllowedValue;
import dev.jiraai.jira.payload.JiraStatus;
import dev.jiraai.jira.payload.Transition;
import dev.jiraai.jira.payload.TransitionField;
import dev.jiraai.tenancy.SiteUser;

import org.springframework.stereotype.Component;

/**
 * Turns "move SCRUM-2 to Done" into a transition Jira offers for the issue now, with a
 * value for every field its screen requires: when the proposal is made, when the user
 * edits it, and right before it is carried out. What is wrong is said in words a person
 * (or the model) can act on: the transitions there are, the fields still needed and the
 * values they accept.
 */
@Component
public class TransitionPlanner {

	private final JiraTransitions transitions;

	private final JiraIssues issues;

	TransitionPlanner(JiraTransitions transitions, JiraIssues issues) {
		this.transitions = transitions;
		this.issues = issues;
	}

	/** What can be proposed for a requested transition. */
	public sealed interface Plan {

		/**
		 * The transition can be proposed as it stands.
		 *
		 * @param payload the proposal's payload
		 */
		record Ready(TransitionPayload payload) implements Plan {
		}

		/**
		 * No transition of the issue is called that or leads to a status of that name.
		 *
		 * @param requested what was asked for
		 * @param offered the transitions Jira offers for the issue now
		 */
		record NotOffered(String requested, List<Transition> offered) implements Plan {
		}

		/**
		 * The issue is in the status the transition leads to already: nothing to do.
		 *
		 * @param status that status
		 */
		record AlreadyThere(String status) implements Plan {
		}

		/**
		 * The transition needs field values that are missing or not allowed.
		 *
		 * @param transition the transition
		 * @param problems one sentence per field, naming the values it accepts
		 */
		record NeedsValues(Transition transition, List<String> problems) implements Plan {
		}

	}

	/**
	 * Plans a transition of the issue, as the user. A required field without a value is
	 * proposed empty, for the user to fill in before confirming ({@link #check} refuses
	 * it until then).
	 * @param requested the transition's id or name, or the name of the status it leads to
	 * @param values field values by field id or name
	 * @throws dev.jiraai.jira.JiraException.NotFound when the user cannot see the issue
	 */
	public Plan plan(SiteUser user, IssueKey issueKey, String requested, Map<String, String> values) {
		JiraIdentity who = JiraIdentity.of(user);
		List<Transition> offered = this.transitions.available(who, issueKey);
		Optional<Transition> chosen = choose(offered, requested);
		if (chosen.isEmpty()) {
			return new Plan.NotOffered(requested, offered);
		}
		String current = currentStatus(who, issueKey);
		if (chosen.get().to() != null && chosen.get().to().name().equalsIgnoreCase(current)) {
			return new Plan.AlreadyThere(current);
		}
		// A required value the model does not know yet is left for the user to fill in on
		// the proposal's card; only a value Jira would not accept stops the proposal.
		return plan(issueKey, chosen.get(), current, values, false);
	}

	/**
	 * Checks a proposed transition again: still offered, leading where it says, and with
	 * an allowed value for every required field. An issue already in the target status
	 * passes: carrying it out then sends nothing.
	 * @throws InvalidProposalPayload naming what is wrong
	 */
	public void check(SiteUser user, TransitionPayload payload) {
		JiraIdentity who = JiraIdentity.of(user);
		if (payload.toStatus().equalsIgnoreCase(currentStatus(who, payload.issueKey()))) {
			return;
		}
		List<Transition> offered = this.transitions.available(who, payload.issueKey());
		Transition transition = offered.stream()
			.filter(t -> t.id().equals(payload.transitionId()))
			.findFirst()
			.orElseThrow(() -> new InvalidProposalPayload("'%s' is no longer a transition of %s; its transitions: %s"
				.formatted(payload.transitionName(), payload.issueKey(), describe(offered))));
		if (transition.to() == null || !transition.to().name().equalsIgnoreCase(payload.toStatus())) {
			throw new InvalidProposalPayload("'toStatus' must be %s, where transition '%s' leads"
				.formatted(transition.to() == null ? "?" : transition.to().name(), transition.name()));
		}
		Map<String, String> values = new LinkedHashMap<>();
		payload.fields().forEach(field -> values.put(field.id(), field.value()));
		if (plan(payload.issueKey(), transition, payload.fromStatus(), values,
				true) instanceof Plan.NeedsValues needs) {
			throw new InvalidProposalPayload(String.join("; ", needs.problems()));
		}
	}

	/** The issue's status now, as the identity sees it. */
	String currentStatus(JiraIdentity who, IssueKey issueKey) {
		JiraStatus status = this.issues.get(who, issueKey).status();
		return (status == null) ? "" : status.name();
	}

	/** The transitions, each with where it leads and the fields it needs, in one line. */
	public static String describe(List<Transition> offered) {
		if (offered.isEmpty()) {
			return "none (the user may not transition this issue)";
		}
		return offered.stream().map(transition -> {
			String needs = transition.requiredFields()
				.stream()
				.map(TransitionField::name)
				.collect(Collectors.joining(", "));
			return "%s (to %s%s)".formatted(transition.name(), transition.to() == null ? "?" : transition.to().name(),
					needs.isEmpty() ? "" : ", needs " + needs);
		}).collect(Collectors.joining("; "));
	}

	private static Optional<Transition> choose(List<Transition> offered, String requested) {
		String wanted = (requested == null) ? "" : requested.strip();
		return offered.stream()
			.filter(t -> t.id().equals(wanted) || t.name().equalsIgnoreCase(wanted))
			.findFirst()
			.or(() -> offered.stream()
				.filter(t -> t.to() != null && t.to().name().equalsIgnoreCase(wanted))
				.findFirst());
	}

	private static Plan plan(IssueKey issueKey, Transition transition, String fromStatus, Map<String, String> given,
			boolean valuesRequired) {
		List<String> problems = new ArrayList<>();
		Map<String, String> unused = new LinkedHashMap<>();
		given.forEach((field, value) -> unused.put(field.toLowerCase(Locale.ROOT), value));
		List<TransitionPayload.Field> fields = new ArrayList<>();
		for (TransitionField field : transition.requiredFields()) {
			String value = Optional.ofNullable(unused.remove(field.id().toLowerCase(Locale.ROOT)))
				.orElseGet(() -> unused.remove(field.name().toLowerCase(Locale.ROOT)));
			String accepted = (value == null || value.isBlank()) && !valuesRequired ? null
					: accepted(field, value, problems);
			fields.add(new TransitionPayload.Field(field.id(), field.name(), true,
					field.values().isEmpty() ? null : field.values(), accepted));
		}
		unused.keySet()
			.forEach(field -> problems
				.add("'%s' is not a field of transition '%s' (its fields: %s)".formatted(field, transition.name(),
						transition.requiredFields().isEmpty() ? "none"
								: transition.requiredFields()
									.stream()
									.map(TransitionField::name)
									.collect(Collectors.joining(", ")))));
		if (!problems.isEmpty()) {
			return new Plan.NeedsValues(transition, problems);
		}
		return new Plan.Ready(new TransitionPayload(issueKey, transition.id(), transition.name(), fromStatus,
				transition.to() == null ? "" : transition.to().name(), fields));
	}

	/** The value as the field takes it (an allowed value's name), or a problem. */
	private static String accepted(TransitionField field, String value, List<String> problems) {
		String allowed = field.allowedValues().isEmpty() ? "" : ", one of: " + String.join(", ", field.allowedValues());
		if (value == null || value.isBlank()) {
			problems.add("%s (%s) is required%s".formatted(field.name(), field.id(), allowed));
			return null;
		}
		if (field.values().isEmpty()) {
			return value.strip();
		}
		Optional<AllowedValue> match = field.values()
			.stream()
			.filter(candidate -> value.strip().equals(candidate.id())
					|| value.strip().equalsIgnoreCase(candidate.name()))
			.findFirst();
		if (match.isEmpty()) {
			problems.add("%s (%s) does not accept '%s'%s".formatted(field.name(), field.id(), value.strip(), allowed));
			return null;
		}
		return match.get().name();
	}

}

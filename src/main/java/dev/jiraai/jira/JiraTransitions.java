package dev.jiraai.jira;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jiraai.jira.payload.AllowedValue;
import dev.jiraai.jira.payload.Transition;
import dev.jiraai.jira.payload.TransitionField;
import dev.jiraai.tenancy.SiteUser;

import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Service;

/**
 * Workflow transitions: the ones Jira offers for an issue now (read as the given
 * identity, with the fields their screens require), and moving an issue as the user, only
 * along a transition Jira offers and with every field its screen requires; what is
 * missing is named with its allowed values ({@link TransitionNotPossible}).
 */
@Service
public class JiraTransitions {

	private static final String TRANSITIONS = "/rest/api/3/issue/{issueIdOrKey}/transitions";

	private static final String PROPERTY = "/rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}";

	private final JiraHttp http;

	JiraTransitions(JiraHttp http) {
		this.http = http;
	}

	/**
	 * The transitions Jira offers for the issue now, with the fields their screens
	 * require.
	 */
	public List<Transition> available(JiraIdentity who, IssueKey issueKey) {
		JsonNode answer = this.http.get("list transitions", who,
				JiraHttp.uri(TRANSITIONS, Map.of("expand", "transitions.fields"), issueKey.value()));
		List<Transition> transitions = new ArrayList<>();
		answer.path("transitions").forEach(transition -> {
			List<TransitionField> required = new ArrayList<>();
			transition.path("fields").properties().forEach(field -> {
				if (field.getValue().path("required").asBoolean(false)) {
					List<AllowedValue> values = new ArrayList<>();
					field.getValue().path("allowedValues").forEach(value -> values.add(JiraJson.allowedValue(value)));
					required.add(new TransitionField(field.getKey(),
							Optional.ofNullable(JiraJson.text(field.getValue(), "name")).orElse(field.getKey()),
							values));
				}
			});
			transitions.add(new Transition(JiraJson.text(transition, "id"), JiraJson.text(transition, "name"),
					JiraJson.status(transition.path("to")), List.copyOf(required)));
		});
		return List.copyOf(transitions);
	}

	/**
	 * Moves the issue along a transition, as the user.
	 * @param transition the transition's id, name, or the name of the status it leads to
	 * @param fields values for the transition screen's fields by id; a field with allowed
	 * values takes a name (e.g. {@code resolution} to {@code Done})
	 * @return the transition made
	 * @throws TransitionNotPossible when it is not offered, or required fields are
	 * missing
	 */
	public Transition transition(SiteUser user, IssueKey issueKey, String transition, Map<String, String> fields) {
		return transition(user, issueKey, transition, fields, UUID.randomUUID().toString());
	}

	/**
	 * Moves an issue along a transition as the user, once for this request id: the
	 * transition carries it (issue property {@value JiraIssues#WRITE_PROPERTY}), so a
	 * lost answer is resolved by reading it back, never by sending the transition again.
	 * @throws JiraException.OutcomeUnknown when the answer was lost and the property does
	 * not show the transition
	 * @see #transition(SiteUser, String, String, Map)
	 */
	public Transition transition(SiteUser user, IssueKey issueKey, String transition, Map<String, String> fields,
			String requestId) {
		JiraIdentity who = JiraIdentity.of(user);
		List<Transition> offered = available(who, issueKey);
		Transition chosen = offered.stream()
			.filter(t -> t.id().equals(transition) || t.name().equalsIgnoreCase(transition))
			.findFirst()
			.or(() -> offered.stream()
				.filter(t -> t.to() != null && t.to().name().equalsIgnoreCase(transition))
				.findFirst())
			.orElseThrow(() -> TransitionNotPossible.notOffered(issueKey.value(), transition,
					offered.stream().map(Transition::name).toList()));
		List<TransitionField> missing = chosen.requiredFields()
			.stream()
			.filter(field -> fields.get(field.id()) == null || fields.get(field.id()).isBlank())
			.toList();
		if (!missing.isEmpty()) {
			throw TransitionNotPossible.needsFields(issueKey.value(), chosen.name(), missing);
		}
		Map<String, Object> values = new LinkedHashMap<>();
		fields.forEach((id, value) -> {
			boolean named = chosen.requiredFields()
				.stream()
				.anyMatch(field -> field.id().equals(id) && !field.allowedValues().isEmpty());
			values.put(id, named ? Map.of("name", value) : value);
		});
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("transition", Map.of("id", chosen.id()));
		if (!values.isEmpty()) {
			body.put("fields", values);
		}
		body.put("properties",
				List.of(Map.of("key", JiraIssues.WRITE_PROPERTY, "value", Map.of("requestId", requestId))));
		try {
			this.http.send("transition issue", who, HttpMethod.POST, JiraHttp.uri(TRANSITIONS, issueKey.value()), body,
					false);
		}
		catch (JiraHttp.AmbiguousFailure ex) {
			if (!stamped(who, issueKey, requestId)) {
				throw ex.unresolved(user.site().browseUrl(issueKey.value()));
			}
		}
		catch (JiraException.Rejected ex) {
			if (!ex.fieldErrors().isEmpty()) {
				// The screen asked for more than the transition metadata said: report the
				// fields Jira named.
				throw TransitionNotPossible.needsFields(issueKey.value(), chosen.name(),
						ex.fieldErrors()
							.keySet()
							.stream()
							.map(id -> chosen.requiredFields()
								.stream()
								.filter(field -> field.id().equals(id))
								.findFirst()
								.orElse(new TransitionField(id, id, List.of())))
							.toList());
			}
			throw ex;
		}
		return chosen;
	}

	/** Whether the issue carries this request id as the app's latest write. */
	private boolean stamped(JiraIdentity who, IssueKey issueKey, String requestId) {
		try {
			JsonNode property = this.http.get("get issue property", who,
					JiraHttp.uri(PROPERTY, issueKey.value(), JiraIssues.WRITE_PROPERTY));
			return requestId.equals(property.path("value").path("requestId").asText());
		}
		catch (JiraException ex) {
			return false;
		}
	}

}

package dev.jiraai.chat.proposals;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.jiraai.jira.IssueKey;
import dev.jiraai.jira.payload.AllowedValue;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * {@code chat.transition}: a move of an issue along its workflow that the assistant
 * proposes, with every field the transition's screen requires and the value it will be
 * given.
 *
 * @param issueKey the issue
 * @param transitionId the transition Jira offered
 * @param transitionName its name, e.g. {@code Done}
 * @param fromStatus the issue's status when it was proposed
 * @param toStatus the status the transition leads to
 * @param fields the fields the transition's screen requires, with their values
 */
public record TransitionPayload(@NotNull(message = "is required") IssueKey issueKey,
		@NotBlank(message = "is required") String transitionId, String transitionName, String fromStatus,
		@NotBlank(message = "is required") String toStatus, @Size(max = 20) List<@Valid Field> fields) {

	/** The kind of these proposals. */
	public static final String KIND = "chat.transition";

	public TransitionPayload {
		fields = (fields == null) ? List.of() : List.copyOf(fields);
	}

	/**
	 * The values to send, by field id (a field with allowed values by the value's name).
	 */
	Map<String, String> values() {
		return this.fields.stream()
			.filter(field -> field.value() != null && !field.value().isBlank())
			.collect(Collectors.toMap(Field::id, Field::value));
	}

	/** The required fields still without a value: the user fills them in on the card. */
	public List<Field> missing() {
		return this.fields.stream()
			.filter(field -> field.required() && (field.value() == null || field.value().isBlank()))
			.toList();
	}

	/**
	 * A field of the transition's screen.
	 *
	 * @param id its id, e.g. {@code resolution}
	 * @param name its name
	 * @param required whether the transition needs it
	 * @param allowedValues the values it accepts, or {@code null} when any value goes
	 * @param value the value it will be given, or {@code null} while it has none
	 */
	public record Field(@NotBlank(message = "is required") String id, String name, boolean required,
			List<AllowedValue> allowedValues, String value) {
	}

}

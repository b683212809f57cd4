package dev.jiraai.jira;

import java.util.List;
import java.util.stream.Collectors;

import dev.jiraai.jira.payload.TransitionField;

/**
 * A transition was not sent to Jira, or Jira refused it: either it is not offered for the
 * issue now, or its screen requires fields that were not given (named with their allowed
 * values).
 */
public class TransitionNotPossible extends RuntimeException {

	private final String issueKey;

	private final List<String> availableTransitions;

	private final List<TransitionField> missingFields;

	private TransitionNotPossible(String message, String issueKey, List<String> availableTransitions,
			List<TransitionField> missingFields) {
		super(message);
		this.issueKey = issueKey;
		this.availableTransitions = List.copyOf(availableTransitions);
		this.missingFields = List.copyOf(missingFields);
	}

	static TransitionNotPossible notOffered(String issueKey, String requested, List<String> available) {
		return new TransitionNotPossible("'%s' is not a transition of %s now; available: %s".formatted(requested,
				issueKey, available.isEmpty() ? "none" : String.join(", ", available)), issueKey, available, List.of());
	}

	static TransitionNotPossible needsFields(String issueKey, String transition, List<TransitionField> missing) {
		return new TransitionNotPossible("Transition '%s' of %s requires %s".formatted(transition, issueKey,
				missing.stream()
					.map(field -> field.allowedValues().isEmpty() ? "%s (%s)".formatted(field.name(), field.id())
							: "%s (%s), one of: %s".formatted(field.name(), field.id(),
									String.join(", ", field.allowedValues())))
					.collect(Collectors.joining("; "))),
				issueKey, List.of(), missing);
	}

	public String issueKey() {
		return this.issueKey;
	}

	/**
	 * The names of the transitions Jira offers, when the requested one is not among them.
	 */
	public List<String> availableTransitions() {
		return this.availableTransitions;
	}

	/** The required fields that were not given. */
	public List<TransitionField> missingFields() {
		return this.missingFields;
	}

}

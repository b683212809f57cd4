package dev.jiraai.jira.payload;

import java.util.List;

/**
 * A field a transition's screen requires.
 *
 * @param id its id, e.g. {@code resolution}
 * @param name its name
 * @param values the values it accepts, with their ids, empty when any value goes
 */
public record TransitionField(String id, String name, List<AllowedValue> values) {

	public TransitionField {
		values = (values == null) ? List.of() : List.copyOf(values);
	}

	/** The names of the values it accepts, empty when any value goes. */
	public List<String> allowedValues() {
		return this.values.stream().map(AllowedValue::name).toList();
	}

}

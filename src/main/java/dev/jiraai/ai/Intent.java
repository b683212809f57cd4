package dev.jiraai.ai;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What a chat message asks for, as the intent classifier read it.
 *
 * @param intent the kind of request
 * @param confidence how sure the model is, 0 to 1
 * @param confident whether the confidence reaches the threshold; when not, the chat asks
 * rather than acts
 * @param issueKeys issue keys the message names (only keys that appear in it)
 * @param project the project the message names, if it is one the user can see, else
 * {@code null}
 * @param priority the priority the message names, or {@code null}
 * @param reasoning the model's short reason
 * @param promptVersion the classifier prompt's version
 */
public record Intent(Kind intent, double confidence, boolean confident, List<String> issueKeys, String project,
		String priority, String reasoning, int promptVersion) {

	/** The kinds of request the assistant routes. */
	public enum Kind {

		REQUIREMENT_ANALYSIS("requirement_analysis"), CREATE_TICKET("create_ticket"), ASSESS_TICKET("assess_ticket"),
		GENERAL_QUERY("general_query");

		private final String wire;

		Kind(String wire) {
			this.wire = wire;
		}

		@JsonValue
		public String wire() {
			return this.wire;
		}

		static Kind of(String wire) {
			for (Kind kind : values()) {
				if (kind.wire.equals(wire)) {
					return kind;
				}
			}
			throw new IllegalArgumentException("Unknown intent '%s'".formatted(wire));
		}

	}

}

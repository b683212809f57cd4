package dev.jiraai.jira;

import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The key of a Jira project, like {@code PAY}: checked once, where it enters the app, so
 * a malformed key never reaches a Jira URL or a JQL query. On the wire it is the plain
 * string, kept exactly as given (see {@link IssueKey}).
 *
 * @param value the key
 */
public record ProjectKey(String value) {

	/** Jira's project keys: a letter, then letters, digits or underscores. */
	public static final String SHAPE = "[A-Z][A-Z0-9_]{0,49}";

	private static final Pattern PATTERN = Pattern.compile(SHAPE);

	/**
	 * @throws InvalidKey when the value is not shaped like a project key
	 */
	public ProjectKey {
		if (value == null || !PATTERN.matcher(value).matches()) {
			throw InvalidKey.project(value);
		}
	}

	/**
	 * The key of a value shaped like a project key.
	 * @throws InvalidKey when it is not
	 */
	@JsonCreator(mode = JsonCreator.Mode.DELEGATING)
	public static ProjectKey of(String value) {
		return new ProjectKey(value);
	}

	/** The key as Jira shows it, and as the API carries it. */
	@Override
	@JsonValue
	public String value() {
		return this.value;
	}

	@Override
	public String toString() {
		return this.value;
	}

}

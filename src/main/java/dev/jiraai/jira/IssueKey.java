package dev.jiraai.jira;

import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The key of a Jira issue, like {@code PAY-42}: checked once, where it enters the app (a
 * path variable, a request body, a stored proposal or task), so a malformed key never
 * reaches a Jira URL. On the wire it is the plain string.
 * <p>
 * The key is kept exactly as given: Jira shows keys in upper case, and a key in any other
 * case is refused rather than guessed at.
 *
 * @param value the key
 */
public record IssueKey(String value) {

	/** The project's key, a dash and the issue's number. */
	public static final String SHAPE = ProjectKey.SHAPE + "-[1-9][0-9]{0,9}";

	private static final Pattern PATTERN = Pattern.compile(SHAPE);

	/**
	 * @throws InvalidKey when the value is not shaped like an issue key
	 */
	public IssueKey {
		if (value == null || !PATTERN.matcher(value).matches()) {
			throw InvalidKey.issue(value);
		}
	}

	/**
	 * The key of a value shaped like an issue key.
	 * @throws InvalidKey when it is not
	 */
	@JsonCreator(mode = JsonCreator.Mode.DELEGATING)
	public static IssueKey of(String value) {
		return new IssueKey(value);
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

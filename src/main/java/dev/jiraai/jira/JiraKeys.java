package dev.jiraai.jira;

import java.util.regex.Pattern;

/**
 * The shapes of Jira's issue and project keys, checked once where a key enters the app so
 * a malformed one never reaches a Jira URL.
 */
public final class JiraKeys {

	private static final Pattern PROJECT_KEY = Pattern.compile("[A-Z][A-Z0-9_]{0,49}");

	private static final Pattern ISSUE_KEY = Pattern.compile("[A-Z][A-Z0-9_]{0,49}-[1-9][0-9]{0,9}");

	private JiraKeys() {
	}

	/**
	 * The key, when it is shaped like an issue key ({@code PAY-42}).
	 * @throws InvalidKey when it is not
	 */
	public static String issueKey(String key) {
		if (key == null || !ISSUE_KEY.matcher(key).matches()) {
			throw new InvalidKey("issue", key, "PAY-42");
		}
		return key;
	}

	/**
	 * The key, when it is shaped like a project key ({@code PAY}).
	 * @throws InvalidKey when it is not
	 */
	public static String projectKey(String key) {
		if (key == null || !PROJECT_KEY.matcher(key).matches()) {
			throw new InvalidKey("project", key, "PAY");
		}
		return key;
	}

	/** Whether the text is shaped like a project key. */
	public static boolean isProjectKey(String key) {
		return key != null && PROJECT_KEY.matcher(key).matches();
	}

	/** A request named an issue or project by something that is not a key. */
	public static final class InvalidKey extends RuntimeException {

		InvalidKey(String kind, String key, String example) {
			super("'%s' is not %s key (like %s)".formatted(key, "issue".equals(kind) ? "an issue" : "a project",
					example));
		}

	}

}

package dev.jiraai.jira;

/**
 * A request named an issue or project by something that is not a key. Answered as a bad
 * request that names the value and what a key looks like.
 */
public final class InvalidKey extends RuntimeException {

	private final String expected;

	private InvalidKey(String key, String expected) {
		super("'%s' is not %s".formatted(key, expected));
		this.expected = expected;
	}

	static InvalidKey issue(String key) {
		return new InvalidKey(key, "an issue key (like PAY-42)");
	}

	static InvalidKey project(String key) {
		return new InvalidKey(key, "a project key (like PAY)");
	}

	/** What a key looks like, e.g. {@code an issue key (like PAY-42)}. */
	public String expected() {
		return this.expected;
	}

}

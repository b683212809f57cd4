package dev.jiraai.jira;

/**
 * The user cannot see an issue or project in Jira: Jira answers the same for one that
 * does not exist and one the user may not browse, so the app does not tell them apart
 * either, and nothing about it reaches the model.
 */
public final class NotVisible extends RuntimeException {

	private final String key;

	private NotVisible(String key, String message, Throwable cause) {
		super(message, cause);
		this.key = key;
	}

	/** The issue is missing or hidden from the user. */
	public static NotVisible issue(IssueKey issueKey, Throwable cause) {
		return new NotVisible(issueKey.value(),
				"You cannot see %s in Jira (it may not exist, or you lack permission to browse it)"
					.formatted(issueKey.value()),
				cause);
	}

	/** The project is missing or hidden from the user. */
	public static NotVisible project(ProjectKey projectKey) {
		return new NotVisible(projectKey.value(),
				"You cannot see project %s in Jira, or it does not exist".formatted(projectKey.value()), null);
	}

	/** The issue or project key. */
	public String key() {
		return this.key;
	}

}

package dev.jiraai.chat;

/**
 * A chat turn's task input, as stored with the task.
 *
 * @param conversationId the conversation (created when the message was sent)
 * @param message what the user wrote
 * @param outputFormat {@code markdown} or {@code json}
 * @param issueKey the issue asked from, or {@code null}
 * @param projectKey the project asked from, or {@code null}
 * @param script whether it came from a script with an API token rather than from a person
 * on a Jira page
 */
record ChatInput(String conversationId, String message, String outputFormat, String issueKey, String projectKey,
		boolean script) {

	boolean json() {
		return "json".equals(this.outputFormat);
	}

	/** Whether the day's stand-up may come first: only for a person, not for a script. */
	boolean standupFirst() {
		return !this.script && !json();
	}

	/** The context line the model reads, e.g. "Issue SCRUM-2". */
	String contextLine() {
		if (this.issueKey != null) {
			return "Issue " + this.issueKey;
		}
		return (this.projectKey != null) ? "Project " + this.projectKey : "";
	}

}

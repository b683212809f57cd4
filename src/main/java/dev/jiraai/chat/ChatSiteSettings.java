package dev.jiraai.chat;

import java.util.Set;

/**
 * A site's choices for the AI Assistant.
 *
 * @param readOnly whether the assistant may only read: no writing tool is offered, so it
 * proposes no comment, transition, assignment or new issue
 * @param allowedTools the names of the tools the model may call (e.g. {@code myIssues},
 * {@code proposeComment}), or {@code null} for every tool (the default)
 */
public record ChatSiteSettings(boolean readOnly, Set<String> allowedTools) {

	/** What a site that chose nothing gets: every tool, writes after confirmation. */
	public static final ChatSiteSettings DEFAULTS = new ChatSiteSettings(false, null);

	public ChatSiteSettings {
		allowedTools = (allowedTools == null) ? null : Set.copyOf(allowedTools);
	}

	/** Whether the allow-list keeps this tool (read-only mode is not considered here). */
	public boolean allows(String toolName) {
		return this.allowedTools == null || this.allowedTools.contains(toolName);
	}

}

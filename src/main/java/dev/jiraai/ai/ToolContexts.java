package dev.jiraai.ai;

import dev.jiraai.tenancy.SiteUser;

import org.springframework.ai.chat.model.ToolContext;

/**
 * What a tool the model calls learns of its call: the user it acts as (and with them the
 * site), from the tool context of that one call, never from a global or a ThreadLocal.
 */
public final class ToolContexts {

	/** The tool-context key of the acting {@link SiteUser}. */
	public static final String USER = "jira-ai.user";

	private ToolContexts() {
	}

	/** The user the tool acts as. */
	public static SiteUser user(ToolContext context) {
		if (context == null || !(context.getContext().get(USER) instanceof SiteUser user)) {
			throw new IllegalStateException("A tool was called without the user it acts for");
		}
		return user;
	}

}

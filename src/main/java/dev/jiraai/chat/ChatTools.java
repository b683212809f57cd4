package dev.jiraai.chat;

import java.util.List;

import dev.jiraai.tenancy.Site;
import dev.jiraai.tenancy.SiteUser;

import org.springframework.ai.tool.ToolCallback;

/**
 * The Jira tools the assistant's model may call in a turn: only those the site's
 * allow-list keeps, and no writing tool in read-only mode. Reading tools act as the user;
 * writing tools only store a proposal for the user to confirm.
 */
public interface ChatTools {

	/**
	 * The callbacks of one turn, acting as {@code user} and reporting to {@code turn}.
	 */
	List<ToolCallback> forTurn(SiteUser user, ChatTurn turn);

	/** What the site's user may ask the assistant to do, for the greeting. */
	List<Capability> available(Site site);

	/**
	 * One thing the assistant can do.
	 *
	 * @param id stable id, e.g. {@code comment}
	 * @param title short title, e.g. "Comment"
	 * @param description one sentence for the user
	 * @param writes whether it proposes a write (none in read-only mode)
	 */
	record Capability(String id, String title, String description, boolean writes) {
	}

}

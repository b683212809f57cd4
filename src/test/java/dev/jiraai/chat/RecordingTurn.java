package dev.jiraai.chat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.jiraai.ai.ToolContexts;
import dev.jiraai.confirm.Proposal;
import dev.jiraai.tenancy.SiteUser;

import org.springframework.ai.chat.model.ToolContext;
import org.springframework.ai.tool.ToolCallback;

/**
 * A turn as the tests play it: the callbacks {@link ChatTools} gives for a user, called
 * the way Spring AI calls them (model-shaped JSON arguments, a tool context carrying the
 * acting user), and everything the tools told the turn.
 */
final class RecordingTurn implements ChatTurn {

	final List<String> activities = new ArrayList<>();

	final Map<String, Object> found = new LinkedHashMap<>();

	final List<Proposal> proposals = new ArrayList<>();

	private final SiteUser user;

	private final List<ToolCallback> callbacks;

	private RecordingTurn(ChatTools tools, SiteUser user) {
		this.user = user;
		this.callbacks = tools.forTurn(user, this);
	}

	static RecordingTurn of(ChatTools tools, SiteUser user) {
		return new RecordingTurn(tools, user);
	}

	/** The names of the tools offered to the model. */
	List<String> toolNames() {
		return this.callbacks.stream().map(callback -> callback.getToolDefinition().name()).toList();
	}

	/** Calls a tool as the turn's user. */
	String call(String tool, String arguments) {
		return callAs(this.user, tool, arguments);
	}

	/** Calls a tool with a tool context carrying {@code actor}. */
	String callAs(SiteUser actor, String tool, String arguments) {
		ToolCallback callback = this.callbacks.stream()
			.filter(candidate -> candidate.getToolDefinition().name().equals(tool))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No tool " + tool + " offered; offered: " + toolNames()));
		return callback.call(arguments, new ToolContext(Map.of(ToolContexts.USER, actor)));
	}

	@Override
	public void activity(String tool, String message) {
		this.activities.add(tool + ": " + message);
	}

	@Override
	public void found(String name, Object data) {
		this.found.put(name, data);
	}

	@Override
	public void proposed(Proposal proposal) {
		this.proposals.add(proposal);
	}

}

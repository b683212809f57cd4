package dev.jiraai.chat;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jiraai.confirm.Proposal;
import dev.jiraai.tasks.TaskContext;

/**
 * What the tools of one tool call report: activity goes to the user at once (a
 * {@code tool} event and the task's progress), findings and proposals are collected so
 * the call's checkpoint can keep them.
 */
final class ChatTurnLog implements ChatTurn {

	private final TaskContext task;

	private final ObjectMapper json;

	private final ObjectNode found;

	private final List<Proposal> proposals = new ArrayList<>();

	ChatTurnLog(TaskContext task, ObjectMapper json) {
		this.task = task;
		this.json = json;
		this.found = json.createObjectNode();
	}

	/** A {@code tool} event: which tool works, and on what, in the user's words. */
	record ToolActivity(String tool, String message) {
	}

	@Override
	public void activity(String tool, String message) {
		this.task.event("tool", new ToolActivity(tool, message));
		this.task.progress("thinking", message);
	}

	@Override
	public void found(String name, Object data) {
		this.found.set(name, this.json.valueToTree(data));
	}

	@Override
	public void proposed(Proposal proposal) {
		this.proposals.add(proposal);
	}

	JsonNode found() {
		return this.found;
	}

	List<Proposal> proposals() {
		return List.copyOf(this.proposals);
	}

}

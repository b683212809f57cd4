package dev.jiraai.chat.tools;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import dev.jiraai.chat.ChatTools;

/**
 * Every tool the assistant's model may call, by the name the model and the site's
 * allow-list know it by: whether it proposes a write (none in read-only mode), the
 * product feature it needs switched on, and the capability it gives the user (helper
 * tools the model uses on the way, like the list of statuses, give none of their own).
 */
public enum AssistantTool {

	MY_ISSUES("myIssues", false, null, "my-issues", "Your work", "List your issues by status or project"),

	SEARCH_ISSUES("searchIssues", false, null, "search", "Search", "Find issues with a JQL search"),

	GET_ISSUE("getIssue", false, null, "read-issue", "Read an issue",
			"Read an issue with its description, recent comments and links"),

	LIST_STATUSES("listStatuses", false, null, null, null, null),

	SEARCH_USERS("searchUsers", false, null, null, null, null),

	GET_TRANSITIONS("getTransitions", false, null, null, null, null),

	SUMMARISE("summarise", false, null, "summarise", "Summarise", "Summarise an issue and its discussion, or a search"),

	ASSESS_ISSUE("assessIssue", false, "assess", "assess", "Assess",
			"Score how ready an issue is and name what it lacks"),

	ANALYSE_REQUIREMENT("analyseRequirement", false, "draft", "analyse", "Analyse a requirement",
			"Turn a requirement into requirements, acceptance criteria, risks and open questions"),

	PROPOSE_COMMENT("proposeComment", true, null, "comment", "Comment",
			"Add a comment with @mentions, after you confirm"),

	PROPOSE_TRANSITION("proposeTransition", true, null, "transition", "Move issues",
			"Move an issue along its workflow, after you confirm"),

	PROPOSE_ASSIGN("proposeAssign", true, null, "assign", "Assign", "Assign an issue to someone, after you confirm"),

	PROPOSE_ISSUE("proposeIssue", true, "draft", "create", "Create issues",
			"Create an issue, or an epic with its stories, after you confirm");

	private final String toolName;

	private final boolean writes;

	private final String feature;

	private final ChatTools.Capability capability;

	AssistantTool(String toolName, boolean writes, String feature, String capabilityId, String title,
			String description) {
		this.toolName = toolName;
		this.writes = writes;
		this.feature = feature;
		this.capability = (capabilityId == null) ? null
				: new ChatTools.Capability(capabilityId, title, description, writes);
	}

	/** The name the model calls it by, and the allow-list keeps. */
	public String toolName() {
		return this.toolName;
	}

	/** Whether it proposes a write. */
	public boolean writes() {
		return this.writes;
	}

	/** The product feature it needs ({@code assess}, {@code draft}), if any. */
	public Optional<String> feature() {
		return Optional.ofNullable(this.feature);
	}

	/** What it lets the user do, if it is more than a helper of other tools. */
	public Optional<ChatTools.Capability> capability() {
		return Optional.ofNullable(this.capability);
	}

	/** The tool of this name. */
	public static Optional<AssistantTool> named(String toolName) {
		return Arrays.stream(values()).filter(tool -> tool.toolName.equals(toolName)).findFirst();
	}

	/** The names of all tools. */
	public static Set<String> names() {
		return Arrays.stream(values()).map(AssistantTool::toolName).collect(Collectors.toUnmodifiableSet());
	}

}

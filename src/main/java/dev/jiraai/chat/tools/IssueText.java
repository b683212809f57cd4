package dev.jiraai.chat.tools;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;

import dev.jiraai.ai.TokenBudget;
import dev.jiraai.jira.payload.IssueLink;
import dev.jiraai.jira.payload.IssueRef;
import dev.jiraai.jira.payload.JiraComment;
import dev.jiraai.jira.payload.JiraIssue;
import dev.jiraai.jira.payload.JiraUser;

import org.springframework.stereotype.Component;

/**
 * An issue as compact text for the model: the fields that matter in one line, parent,
 * subtasks and links, the description (cut in the middle when long) and the latest
 * comments, newest first. Nothing empty is written. All of it is Jira users' text, so
 * callers fence it whole.
 */
@Component
class IssueText {

	private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE;

	/** A long description keeps its beginning and end within this. */
	private static final int DESCRIPTION_TOKENS = 1500;

	/** A long comment likewise. */
	private static final int COMMENT_TOKENS = 250;

	private final TokenBudget tokens;

	IssueText(TokenBudget tokens) {
		this.tokens = tokens;
	}

	/**
	 * @param comments how many of the latest comments to include
	 */
	String write(JiraIssue issue, int comments) {
		List<String> fields = new ArrayList<>();
		fields.add(issue.issueType() == null ? "?" : issue.issueType().name());
		fields.add(issue.status() == null ? "?" : issue.status().name());
		if (issue.priority() != null) {
			fields.add("priority " + issue.priority().name());
		}
		fields.add(issue.assignee() == null ? "unassigned" : "assignee " + name(issue.assignee()));
		if (issue.reporter() != null) {
			fields.add("reporter " + name(issue.reporter()));
		}
		if (!issue.labels().isEmpty()) {
			fields.add("labels " + String.join(", ", issue.labels()));
		}
		if (issue.updated() != null) {
			fields.add("updated " + DAY.format(issue.updated()));
		}
		StringBuilder text = new StringBuilder(
				"%s: %s\n%s".formatted(issue.key(), ToolTurn.line(issue.summary()), String.join("; ", fields)));
		if (issue.parent() != null) {
			text.append("\nParent: ").append(ref(issue.parent()));
		}
		if (!issue.subtasks().isEmpty()) {
			text.append("\nSubtasks: ")
				.append(issue.subtasks().stream().map(IssueText::ref).collect(Collectors.joining("; ")));
		}
		if (!issue.links().isEmpty()) {
			text.append("\nLinks: ")
				.append(issue.links().stream().map(IssueText::link).collect(Collectors.joining("; ")));
		}
		String description = issue.descriptionMarkdown().strip();
		text.append("\nDescription:\n")
			.append(description.isEmpty() ? "(none)"
					: this.tokens.cutMiddle(description, DESCRIPTION_TOKENS, "the description"));
		List<JiraComment> newestFirst = new ArrayList<>(issue.comments());
		Collections.reverse(newestFirst);
		if (!newestFirst.isEmpty() && comments > 0) {
			int shown = Math.min(comments, newestFirst.size());
			text.append("\nComments (latest %d of %d, newest first):".formatted(shown, newestFirst.size()));
			newestFirst.stream()
				.limit(shown)
				.forEach(comment -> text.append("\n- %s %s: %s".formatted(name(comment.author()),
						comment.created() == null ? "?" : DAY.format(comment.created()),
						this.tokens.cutMiddle(comment.bodyMarkdown().strip(), COMMENT_TOKENS, "the comment")
							.replace("\n", "\n  "))));
		}
		return text.toString();
	}

	private static String name(JiraUser user) {
		return (user == null || user.displayName() == null) ? "someone" : ToolTurn.line(user.displayName());
	}

	private static String ref(IssueRef ref) {
		return "%s %s (%s, %s)".formatted(ref.key(), ToolTurn.line(ref.summary()), ref.issueType(), ref.status());
	}

	private static String link(IssueLink link) {
		return "%s %s".formatted(link.relation(), ref(link.issue()));
	}

}

package dev.jiraai.assess;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
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
 * Writes an issue and its context as compact Markdown for the assessor: the fields, the
 * parent or epic, subtasks, linked issues with their link types, the description, and the
 * latest comments, newest first, within a token budget (the oldest comments go first when
 * space runs out, and the text says so).
 */
@Component
class IssueBrief {

	/**
	 * Enough for a long ticket with a discussion, small enough to keep the call fast and
	 * cheap.
	 */
	static final int TOKEN_BUDGET = 6000;

	private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE;

	private final TokenBudget tokens;

	IssueBrief(TokenBudget tokens) {
		this.tokens = tokens;
	}

	String write(JiraIssue issue) {
		List<TokenBudget.Part> parts = new ArrayList<>();
		parts.add(new TokenBudget.Part("fields", fields(issue)));
		parts.add(new TokenBudget.Part("description", "## Description\n"
				+ (issue.descriptionMarkdown().isBlank() ? "(no description)" : issue.descriptionMarkdown().strip())));
		List<JiraComment> newestFirst = new ArrayList<>(issue.comments());
		java.util.Collections.reverse(newestFirst);
		boolean first = true;
		for (JiraComment comment : newestFirst) {
			String heading = first ? "## Latest comments (newest first)\n" : "";
			parts.add(new TokenBudget.Part("comment by " + name(comment.author()),
					heading + "- %s (%s): %s".formatted(name(comment.author()),
							comment.created() == null ? "?" : DAY.format(comment.created()),
							comment.bodyMarkdown().strip().replace("\n", "\n  "))));
			first = false;
		}
		if (issue.comments().isEmpty()) {
			parts.add(new TokenBudget.Part("comments", "## Comments\n(none)"));
		}
		TokenBudget.Fitted fitted = this.tokens.fit(parts, TOKEN_BUDGET);
		String text = fitted.parts().stream().map(TokenBudget.Part::text).collect(Collectors.joining("\n\n"));
		if (!fitted.notes().isEmpty()) {
			text += "\n\n(Shortened to fit: " + String.join("; ", fitted.notes()) + ".)";
		}
		return text;
	}

	private static String fields(JiraIssue issue) {
		StringBuilder text = new StringBuilder("# %s %s\n".formatted(issue.key(), issue.summary()));
		line(text, "Type", issue.issueType() == null ? null : issue.issueType().name());
		line(text, "Status", issue.status() == null ? null : issue.status().name());
		line(text, "Priority", issue.priority() == null ? null : issue.priority().name());
		line(text, "Labels", issue.labels().isEmpty() ? "none" : String.join(", ", issue.labels()));
		line(text, "Components", issue.components().isEmpty() ? "none" : String.join(", ", issue.components()));
		line(text, "Assignee", issue.assignee() == null ? "Unassigned" : name(issue.assignee()));
		line(text, "Reporter", name(issue.reporter()));
		line(text, "Created", issue.created() == null ? null : DAY.format(issue.created()));
		line(text, "Updated", issue.updated() == null ? null : DAY.format(issue.updated()));
		if (issue.parent() != null) {
			line(text, "Parent", ref(issue.parent()));
		}
		line(text, "Subtasks", issue.subtasks().isEmpty() ? "none"
				: issue.subtasks().stream().map(IssueBrief::ref).collect(Collectors.joining("; ")));
		line(text, "Links", issue.links().isEmpty() ? "none"
				: issue.links().stream().map(IssueBrief::link).collect(Collectors.joining("; ")));
		return text.toString().strip();
	}

	private static void line(StringBuilder text, String label, String value) {
		if (value != null) {
			text.append("- ").append(label).append(": ").append(value).append('\n');
		}
	}

	private static String ref(IssueRef ref) {
		return "%s %s (%s, %s)".formatted(ref.key(), ref.summary(), ref.issueType(), ref.status());
	}

	private static String link(IssueLink link) {
		return link.relation() + " " + ref(link.issue());
	}

	private static String name(JiraUser user) {
		return user == null ? "someone" : user.displayName();
	}

}

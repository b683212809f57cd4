package dev.jiraai.assess;

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
 * Writes an issue and its context compactly for the assessor: one line of fields, the
 * parent or epic, subtasks, linked issues with their link types, the description, and the
 * latest comments, newest first, within a token budget (the oldest comments go first when
 * space runs out, and the text says so). Empty fields and sections are left out, and the
 * issue type is not repeated: the prompt states it.
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
		parts.add(new TokenBudget.Part("description", "Description:\n"
				+ (issue.descriptionMarkdown().isBlank() ? "(none)" : issue.descriptionMarkdown().strip())));
		List<JiraComment> newestFirst = new ArrayList<>(issue.comments());
		Collections.reverse(newestFirst);
		boolean first = true;
		for (JiraComment comment : newestFirst) {
			String heading = first ? "Comments, newest first:\n" : "";
			parts.add(new TokenBudget.Part("comment by " + name(comment.author()),
					heading + "- %s %s: %s".formatted(name(comment.author()),
							comment.created() == null ? "?" : DAY.format(comment.created()),
							comment.bodyMarkdown().strip().replace("\n", "\n  "))));
			first = false;
		}
		TokenBudget.Fitted fitted = this.tokens.fit(parts, TOKEN_BUDGET);
		String text = fitted.parts().stream().map(TokenBudget.Part::text).collect(Collectors.joining("\n"));
		if (!fitted.notes().isEmpty()) {
			text += "\n(Shortened to fit: " + String.join("; ", fitted.notes()) + ".)";
		}
		return text;
	}

	private static String fields(JiraIssue issue) {
		List<String> fields = new ArrayList<>();
		field(fields, "Status: ", issue.status() == null ? null : issue.status().name());
		field(fields, "priority ", issue.priority() == null ? null : issue.priority().name());
		field(fields, "labels ", String.join(", ", issue.labels()));
		field(fields, "components ", String.join(", ", issue.components()));
		fields.add(issue.assignee() == null ? "unassigned" : "assignee " + name(issue.assignee()));
		field(fields, "reporter ", issue.reporter() == null ? null : name(issue.reporter()));
		field(fields, "created ", issue.created() == null ? null : DAY.format(issue.created()));
		field(fields, "updated ", issue.updated() == null ? null : DAY.format(issue.updated()));
		StringBuilder text = new StringBuilder("%s: %s\n".formatted(issue.key(), issue.summary()));
		text.append(String.join("; ", fields));
		if (issue.parent() != null) {
			text.append("\nParent: ").append(ref(issue.parent()));
		}
		if (!issue.subtasks().isEmpty()) {
			text.append("\nSubtasks: ")
				.append(issue.subtasks().stream().map(IssueBrief::ref).collect(Collectors.joining("; ")));
		}
		if (!issue.links().isEmpty()) {
			text.append("\nLinks: ")
				.append(issue.links().stream().map(IssueBrief::link).collect(Collectors.joining("; ")));
		}
		return text.toString();
	}

	private static void field(List<String> fields, String label, String value) {
		if (value != null && !value.isBlank()) {
			fields.add(label + value);
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

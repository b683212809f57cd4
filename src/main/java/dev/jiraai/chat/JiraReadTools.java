package dev.jiraai.chat;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import dev.jiraai.ai.ToolContexts;
import dev.jiraai.ai.UntrustedText;
import dev.jiraai.jira.IssueKey;
import dev.jiraai.jira.JiraException;
import dev.jiraai.jira.JiraIdentity;
import dev.jiraai.jira.JiraIssues;
import dev.jiraai.jira.JiraSearch;
import dev.jiraai.jira.payload.IssueSummary;
import dev.jiraai.jira.payload.JiraIssue;
import dev.jiraai.jira.payload.SearchPage;
import dev.jiraai.tenancy.Site;
import dev.jiraai.tenancy.SiteUser;

import org.springframework.ai.chat.model.ToolContext;
import org.springframework.ai.support.ToolCallbacks;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.annotation.Tool;
import org.springframework.ai.tool.annotation.ToolParam;
import org.springframework.stereotype.Component;

/**
 * The assistant's reading tools over Jira: the user's issues, a JQL search and one issue
 * in full, each acting as the user from the tool context. Results are compact (the
 * model's context is precious) and every piece of text people wrote is fenced as
 * untrusted data.
 */
@Component
class JiraReadTools implements ChatTools {

	private static final int PAGE = 20;

	private static final int RECENT_COMMENTS = 5;

	private final JiraSearch search;

	private final JiraIssues issues;

	JiraReadTools(JiraSearch search, JiraIssues issues) {
		this.search = search;
		this.issues = issues;
	}

	@Override
	public List<ToolCallback> forTurn(SiteUser user, ChatTurn turn) {
		return List.of(ToolCallbacks.from(new Tools(this.search, this.issues, turn)));
	}

	@Override
	public List<Capability> available(Site site) {
		return List.of(new Capability("my-issues", "Your work", "List your issues, by status if you like", false),
				new Capability("search", "Search", "Find issues with a search in plain words or JQL", false),
				new Capability("read-issue", "Read an issue",
						"Read an issue with its description, recent comments, parent, subtasks and links", false));
	}

	/** What the model sees of an issue in a list. */
	record Listed(String key, String summary, String status, String type, String assignee) {

		static Listed of(IssueSummary issue) {
			return new Listed(issue.key(), issue.summary(), issue.status() == null ? null : issue.status().name(),
					issue.issueType(), issue.assignee() == null ? null : issue.assignee().displayName());
		}

		String line() {
			return "%s [%s] %s (%s%s)".formatted(this.key, this.status, this.summary, this.type,
					this.assignee == null ? ", unassigned" : ", " + this.assignee);
		}

	}

	/** The tools of one turn: they report to its {@link ChatTurn}. */
	public static final class Tools {

		private final JiraSearch search;

		private final JiraIssues issues;

		private final ChatTurn turn;

		Tools(JiraSearch search, JiraIssues issues, ChatTurn turn) {
			this.search = search;
			this.issues = issues;
			this.turn = turn;
		}

		@Tool(resultConverter = PlainTextResults.class,
				description = "The issues assigned to the user, most recently updated first; optionally only those in "
						+ "one status (its exact name, e.g. 'In Progress').")
		public String myIssues(
				@ToolParam(required = false, description = "Status name, or empty for all") String status,
				ToolContext context) {
			this.turn.activity("myIssues", "Searching your issues…");
			List<Listed> found = this.search.myIssues(ToolContexts.user(context), Optional.ofNullable(status), PAGE)
				.stream()
				.map(Listed::of)
				.toList();
			this.turn.found("issues", found);
			return found.isEmpty()
					? "No issues are assigned to the user" + (status == null ? "." : " in " + status + ".")
					: fenced("issues", found);
		}

		@Tool(resultConverter = PlainTextResults.class,
				description = "Searches issues with JQL, 20 at a time; pass the nextPageToken of a result for the "
						+ "next page. A JQL error is explained so you can correct the query.")
		public String searchIssues(@ToolParam(description = "The JQL query") String jql,
				@ToolParam(required = false, description = "The next page's token, or empty") String nextPageToken,
				ToolContext context) {
			this.turn.activity("searchIssues", "Searching Jira…");
			SearchPage page;
			try {
				page = this.search.search(JiraIdentity.of(ToolContexts.user(context)), jql, PAGE,
						nextPageToken == null || nextPageToken.isBlank() ? null : nextPageToken);
			}
			catch (JiraException.Rejected ex) {
				return "Jira refused the JQL: " + UntrustedText.strip(String.join("; ", ex.jiraMessages()))
						+ ". Correct the query (field names, quoted values, operators) and search again.";
			}
			List<Listed> found = page.issues().stream().map(Listed::of).toList();
			this.turn.found("issues", found);
			String more = page.isLast() ? "" : "\nMore results: nextPageToken " + page.nextPageToken();
			return (found.isEmpty() ? "No issues match." : fenced("search", found)) + more;
		}

		@Tool(resultConverter = PlainTextResults.class,
				description = "One issue in full: summary, status, type, priority, assignee, reporter, description, "
						+ "the 5 most recent comments, parent, subtasks and links.")
		public String getIssue(@ToolParam(description = "The issue key, e.g. SCRUM-2") String issueKey,
				ToolContext context) {
			IssueKey key = IssueKey.of(issueKey);
			this.turn.activity("getIssue", "Reading %s…".formatted(key));
			JiraIssue issue = this.issues.get(JiraIdentity.of(ToolContexts.user(context)), key);
			this.turn.found("issue",
					new Listed(issue.key(), issue.summary(), issue.status() == null ? null : issue.status().name(),
							issue.issueType() == null ? null : issue.issueType().name(),
							issue.assignee() == null ? null : issue.assignee().displayName()));
			StringBuilder text = new StringBuilder();
			text.append("Key: ").append(issue.key()).append('\n');
			text.append("Summary: ").append(issue.summary()).append('\n');
			text.append("Status: ").append(issue.status() == null ? "" : issue.status().name()).append('\n');
			text.append("Type: ").append(issue.issueType() == null ? "" : issue.issueType().name()).append('\n');
			text.append("Priority: ").append(issue.priority() == null ? "" : issue.priority().name()).append('\n');
			text.append("Assignee: ").append(issue.assignee() == null ? "unassigned" : issue.assignee().displayName());
			text.append("\nReporter: ").append(issue.reporter() == null ? "" : issue.reporter().displayName());
			if (issue.parent() != null) {
				text.append("\nParent: ").append(issue.parent().key()).append(' ').append(issue.parent().summary());
			}
			if (!issue.subtasks().isEmpty()) {
				text.append("\nSubtasks: ")
					.append(issue.subtasks()
						.stream()
						.map(sub -> "%s [%s] %s".formatted(sub.key(), sub.status(), sub.summary()))
						.collect(Collectors.joining("; ")));
			}
			if (!issue.links().isEmpty()) {
				text.append("\nLinks: ")
					.append(issue.links()
						.stream()
						.map(link -> "%s %s".formatted(link.relation(), link.issue().key()))
						.collect(Collectors.joining("; ")));
			}
			text.append("\n\nDescription:\n")
				.append(issue.descriptionMarkdown() == null ? "" : issue.descriptionMarkdown());
			List<dev.jiraai.jira.payload.JiraComment> comments = issue.comments();
			if (!comments.isEmpty()) {
				text.append("\n\nRecent comments:\n");
				comments.subList(Math.max(0, comments.size() - RECENT_COMMENTS), comments.size())
					.forEach(comment -> text.append("- ")
						.append(comment.author() == null ? "someone" : comment.author().displayName())
						.append(": ")
						.append(comment.bodyMarkdown())
						.append('\n'));
			}
			return UntrustedText.fence("issue", text.toString());
		}

		private static String fenced(String source, List<Listed> found) {
			return UntrustedText.fence(source, found.stream().map(Listed::line).collect(Collectors.joining("\n")));
		}

	}

}

package dev.jiraai.chat.tools;

import java.util.List;

import dev.jiraai.jira.payload.IssueSummary;

/**
 * What the reading tools hand to the turn for the JSON answer's {@code data}: only the
 * fields a client shows, under the names given with each record.
 */
final class Found {

	/** {@code issues}. */
	static final String ISSUES = "issues";

	/** {@code issue}. */
	static final String ISSUE = "issue";

	/** {@code users}. */
	static final String USERS = "users";

	/** {@code statuses}. */
	static final String STATUSES = "statuses";

	/** {@code transitions}. */
	static final String TRANSITIONS = "transitions";

	/** {@code summary}. */
	static final String SUMMARY = "summary";

	/** {@code assessment}. */
	static final String ASSESSMENT = "assessment";

	/** {@code analysis}. */
	static final String ANALYSIS = "analysis";

	private Found() {
	}

	/**
	 * An issue in a list.
	 *
	 * @param key its key
	 * @param summary its summary
	 * @param status its status name
	 */
	record Issue(String key, String summary, String status) {

		static Issue of(IssueSummary issue) {
			return new Issue(issue.key(), issue.summary(), issue.status() == null ? null : issue.status().name());
		}

		static List<Issue> of(List<IssueSummary> issues) {
			return issues.stream().map(Issue::of).toList();
		}

	}

	/**
	 * An issue read in full.
	 *
	 * @param key its key
	 * @param summary its summary
	 * @param status its status name
	 * @param issueType its type name
	 * @param assignee its assignee's name, or {@code null}
	 * @param url where to open it
	 */
	record IssueDetail(String key, String summary, String status, String issueType, String assignee, String url) {
	}

	/**
	 * A person.
	 *
	 * @param accountId their account id
	 * @param displayName their name
	 */
	record Person(String accountId, String displayName) {
	}

	/**
	 * A workflow status.
	 *
	 * @param name its name
	 * @param category {@code new}, {@code indeterminate} or {@code done}
	 */
	record Status(String name, String category) {
	}

	/**
	 * A transition an issue offers now.
	 *
	 * @param id its id
	 * @param name its name
	 * @param toStatus where it leads
	 * @param requiredFields the names of the fields it needs
	 */
	record Transition(String id, String name, String toStatus, List<String> requiredFields) {
	}

	/**
	 * A summary the model wrote.
	 *
	 * @param scope what it summarises, e.g. {@code SCRUM-2}
	 * @param markdown the summary
	 */
	record Summary(String scope, String markdown) {
	}

	/**
	 * The gist of an assessment.
	 *
	 * @param issueKey the issue
	 * @param overall the overall score, 1 to 10
	 * @param verdict the overall score in words
	 * @param topGaps what the issue lacks most
	 * @param cached whether it is a stored assessment of the unchanged issue
	 */
	record Assessment(String issueKey, int overall, String verdict, List<String> topGaps, boolean cached) {
	}

}

package dev.jiraai.standup;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.jiraai.jira.IssueKey;
import dev.jiraai.jira.JiraException;
import dev.jiraai.jira.JiraIdentity;
import dev.jiraai.jira.JiraIssues;
import dev.jiraai.jira.JiraUsers;
import dev.jiraai.jira.PersonMatch;
import dev.jiraai.jira.payload.JiraIssue;
import dev.jiraai.jira.payload.JiraUser;
import dev.jiraai.tenancy.SiteUser;

import org.springframework.stereotype.Component;

/**
 * Writes the comments of a stand-up, without a model: one per issue the update concerns
 * (keys named in the answers, then the issues the user kept; a key the user cannot see is
 * left out), each saying what was done and what is planned, and the blocker only on the
 * issues it concerns (those the blocker names, or the only issue there is), mentioning
 * who can unblock it: the people the user named with {@code @Name}, found by Jira's user
 * search, else the issue's assignee or reporter, never the user themselves.
 */
@Component
class StandupComments {

	/** An issue key in free text. */
	static final Pattern ISSUE_KEY = Pattern.compile("\\b" + IssueKey.SHAPE + "\\b");

	/** A person named in a blocker: {@code @Bob} or {@code @Bob Builder}. */
	private static final Pattern NAMED = Pattern.compile("@(\\p{L}[\\p{L}'-]*(?:\\s+\\p{Lu}[\\p{L}'-]*)?)");

	private final JiraIssues issues;

	private final JiraUsers users;

	StandupComments(JiraIssues issues, JiraUsers users) {
		this.issues = issues;
		this.users = users;
	}

	/**
	 * The comments of a saved stand-up, read and searched as the user.
	 * @param flagBlocked whether the comments that carry the blocker are preset to flag
	 * their issue
	 */
	StandupPost compose(SiteUser user, Standup standup, boolean flagBlocked) {
		List<JiraIssue> concerned = new ArrayList<>();
		for (IssueKey key : concernedKeys(standup)) {
			visible(user, key).ifPresent(concerned::add);
			if (concerned.size() == StandupPost.MAX_COMMENTS) {
				break;
			}
		}
		if (concerned.isEmpty()) {
			throw new StandupProblem.Invalid(
					"Your stand-up names no issue you can see in Jira, so there is nothing to post; "
							+ "name an issue key in an answer or keep a suggested issue");
		}
		Set<String> blockerKeys = keysIn(standup.blockers());
		Named named = standup.blocked() ? named(user, standup.blockers()) : new Named(standup.blockers(), false);
		List<StandupPost.Comment> comments = new ArrayList<>();
		for (JiraIssue issue : concerned) {
			boolean blocked = standup.blocked()
					&& (blockerKeys.isEmpty() ? concerned.size() == 1 : blockerKeys.contains(issue.key()));
			comments.add(new StandupPost.Comment(issue.key(), IssueKey.of(issue.key()), issue.summary(),
					body(user, standup, issue, blocked, named), blocked, blocked && flagBlocked));
		}
		return new StandupPost(standup.date(), comments);
	}

	/** Keys named in the answers, in the order written, then the ones kept. */
	static List<IssueKey> concernedKeys(Standup standup) {
		Set<String> keys = new LinkedHashSet<>();
		keys.addAll(keysIn(standup.yesterday()));
		keys.addAll(keysIn(standup.today()));
		keys.addAll(keysIn(standup.blockers()));
		keys.addAll(standup.issueKeys());
		return keys.stream().map(IssueKey::of).toList();
	}

	static Set<String> keysIn(String text) {
		Set<String> keys = new LinkedHashSet<>();
		Matcher matcher = ISSUE_KEY.matcher(text);
		while (matcher.find()) {
			keys.add(matcher.group());
		}
		return keys;
	}

	private Optional<JiraIssue> visible(SiteUser user, IssueKey key) {
		try {
			return Optional.of(this.issues.get(JiraIdentity.of(user), key));
		}
		catch (JiraException.NotFound | JiraException.Forbidden ex) {
			return Optional.empty();
		}
	}

	/** The blocker with the people it names as mentions. */
	private record Named(String text, boolean anyone) {
	}

	private Named named(SiteUser user, String blockers) {
		Matcher matcher = NAMED.matcher(blockers);
		StringBuilder text = new StringBuilder();
		boolean anyone = false;
		while (matcher.find()) {
			Optional<JiraUser> person = person(user, matcher.group(1));
			String replacement = person.map(StandupComments::mention).orElse(matcher.group());
			anyone |= person.isPresent();
			matcher.appendReplacement(text, Matcher.quoteReplacement(replacement));
		}
		matcher.appendTail(text);
		return new Named(text.toString(), anyone);
	}

	/**
	 * The one person a name means (two words, else the first alone), not the user; a name
	 * that means several people or nobody stays text.
	 */
	private Optional<JiraUser> person(SiteUser user, String name) {
		List<String> tries = new ArrayList<>(List.of(name));
		if (name.contains(" ")) {
			tries.add(name.substring(0, name.indexOf(' ')));
		}
		for (String attempt : tries) {
			PersonMatch match = PersonMatch.of(attempt,
					this.users.search(JiraIdentity.of(user), attempt, 0, PersonMatch.CANDIDATES));
			if (match instanceof PersonMatch.One one && !Objects.equals(one.user().accountId(), user.accountId())) {
				return Optional.of(one.user());
			}
		}
		return Optional.empty();
	}

	private static String body(SiteUser user, Standup standup, JiraIssue issue, boolean blocked, Named named) {
		StringBuilder body = new StringBuilder("**Stand-up %s**".formatted(standup.date()));
		if (!standup.yesterday().isBlank()) {
			body.append("\n\nDone: ").append(standup.yesterday());
		}
		if (!standup.today().isBlank()) {
			body.append("\n\nPlanned: ").append(standup.today());
		}
		if (blocked) {
			body.append("\n\nBlocker: ").append(named.text());
			if (!named.anyone()) {
				unblocker(user, issue).ifPresent(person -> body.append(' ').append(mention(person)));
			}
		}
		return body.toString();
	}

	/**
	 * Who can unblock an issue when the user named nobody: its assignee, else reporter.
	 */
	private static Optional<JiraUser> unblocker(SiteUser user, JiraIssue issue) {
		for (JiraUser candidate : new JiraUser[] { issue.assignee(), issue.reporter() }) {
			if (candidate != null && candidate.accountId() != null && !candidate.accountId().equals(user.accountId())) {
				return Optional.of(candidate);
			}
		}
		return Optional.empty();
	}

	private static String mention(JiraUser person) {
		String name = person.displayName() == null ? person.accountId() : person.displayName();
		return "@[%s](%s)".formatted(name.replace("]", "").replace("[", ""), person.accountId());
	}

}

package dev.jiraai.standup;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.jiraai.confirm.Proposal;
import dev.jiraai.confirm.Proposals;
import dev.jiraai.jira.IssueKey;
import dev.jiraai.jira.JiraIdentity;
import dev.jiraai.jira.JiraSearch;
import dev.jiraai.jira.JiraUsers;
import dev.jiraai.jira.payload.IssueSummary;
import dev.jiraai.tenancy.SiteFeatures;
import dev.jiraai.tenancy.SiteUser;

import org.springframework.stereotype.Service;

/**
 * A user's daily stand-up: what to ask today (with suggestions from their Jira activity),
 * saving and editing the answers the same day, snoozing the chat's question, the history,
 * and the proposal that posts the update to the issues it concerns.
 * <p>
 * "Today" is the user's date in their own Jira time zone, from the app's clock: two
 * people at the same instant may be on different dates.
 */
@Service
public class Standups {

	/** The feature switch and proposal feature name. */
	static final String FEATURE = "standup";

	/** The three questions, in the order they are asked. */
	public static final List<Question> QUESTIONS = List.of(new Question("yesterday", "What did you do yesterday?"),
			new Question("today", "What will you do today?"), new Question("blockers", "Is there any blocker?"));

	/** Longest answer kept. */
	static final int MAX_ANSWER = 4000;

	/** Most issues a user may keep. */
	static final int MAX_KEPT_ISSUES = 20;

	/** Most issues suggested per answer. */
	static final int MAX_SUGGESTIONS = 10;

	/** Most stand-ups one history call lists. */
	static final int MAX_HISTORY = 100;

	/** The date format of Jira's JQL functions. */
	private static final DateTimeFormatter JQL_DATE = DateTimeFormatter.ofPattern("yyyy/MM/dd");

	private final StandupStore store;

	private final JiraUsers users;

	private final JiraSearch search;

	private final SiteFeatures features;

	private final Proposals proposals;

	private final StandupComments comments;

	private final Clock clock;

	Standups(StandupStore store, JiraUsers users, JiraSearch search, SiteFeatures features, Proposals proposals,
			StandupComments comments, Optional<Clock> clock) {
		this.store = store;
		this.users = users;
		this.search = search;
		this.features = features;
		this.proposals = proposals;
		this.comments = comments;
		this.clock = clock.orElseGet(Clock::systemUTC);
	}

	/**
	 * One of the stand-up's questions.
	 *
	 * @param id {@code yesterday}, {@code today} or {@code blockers}
	 * @param text how it is asked
	 */
	public record Question(String id, String text) {
	}

	/**
	 * The user's stand-up day: date, zone, snooze, today's saved stand-up and the
	 * suggestions (two Jira searches as the user).
	 * @throws StandupProblem.Off when stand-up is off for the site
	 */
	public StandupDay today(SiteUser user) {
		requireOn(user);
		ZoneId zone = this.users.timeZone(user);
		LocalDate date = date(zone);
		String clientKey = user.site().clientKey();
		return new StandupDay(date, zone, this.store.snoozed(clientKey, user.accountId(), date),
				this.store.find(clientKey, user.accountId(), date).orElse(null), suggestions(user, date));
	}

	/**
	 * Saves today's answers, replacing what the user saved earlier today.
	 * @throws StandupProblem.Invalid when an answer is too long, too many issues are
	 * kept, or every answer is blank
	 */
	public Standup save(SiteUser user, StandupAnswers answers) {
		requireOn(user);
		if (answers == null) {
			throw new StandupProblem.Invalid("The answers are required");
		}
		String yesterday = answer("yesterday", answers.yesterday());
		String today = answer("today", answers.today());
		String blockers = answer("blockers", answers.blockers());
		if (yesterday.isBlank() && today.isBlank() && blockers.isBlank()) {
			throw new StandupProblem.Invalid("At least one of 'yesterday', 'today' and 'blockers' must be answered");
		}
		List<IssueKey> kept = (answers.issueKeys() == null) ? List.of() : answers.issueKeys();
		if (kept.size() > MAX_KEPT_ISSUES) {
			throw new StandupProblem.Invalid(
					"'issueKeys' holds %d keys; at most %d can be kept".formatted(kept.size(), MAX_KEPT_ISSUES));
		}
		if (kept.stream().anyMatch(java.util.Objects::isNull)) {
			throw new StandupProblem.Invalid("'issueKeys' must hold issue keys only");
		}
		List<String> keys = kept.stream().map(IssueKey::value).distinct().toList();
		ZoneId zone = this.users.timeZone(user);
		Instant now = this.clock.instant();
		LocalDate date = now.atZone(zone).toLocalDate();
		return this.store.save(user.site().clientKey(), user.accountId(), zone,
				new Standup(date, yesterday, today, blockers, keys, now, now), now);
	}

	/** The chat does not ask this user for a stand-up again today. */
	public void snooze(SiteUser user) {
		requireOn(user);
		this.store.snooze(user.site().clientKey(), user.accountId(), date(this.users.timeZone(user)));
	}

	/**
	 * Whether the chat should ask for today's stand-up: the feature is on, the user did
	 * not snooze it and has none saved today. No Jira search (the time zone is cached).
	 */
	public boolean due(SiteUser user) {
		if (!on(user)) {
			return false;
		}
		LocalDate date = date(this.users.timeZone(user));
		String clientKey = user.site().clientKey();
		return !this.store.snoozed(clientKey, user.accountId(), date)
				&& this.store.find(clientKey, user.accountId(), date).isEmpty();
	}

	/**
	 * The {@code standup.post} proposal for today's stand-up: one comment per issue it
	 * concerns, for the user to edit, drop and confirm.
	 * @param flagBlocked whether the comments that carry the blocker are preset to give
	 * their issue Jira's "Flagged" impediment
	 * @throws StandupProblem.NotSaved when today's stand-up is not saved
	 */
	public Proposal preview(SiteUser user, boolean flagBlocked) {
		requireOn(user);
		LocalDate date = date(this.users.timeZone(user));
		Standup standup = this.store.find(user.site().clientKey(), user.accountId(), date)
			.orElseThrow(() -> new StandupProblem.NotSaved(date));
		return this.proposals.propose(user, FEATURE, StandupPost.KIND,
				this.comments.compose(user, standup, flagBlocked));
	}

	/**
	 * The user's stand-ups, newest date first.
	 * @throws StandupProblem.Invalid when the limit is not 1 to 100
	 */
	public List<Standup> history(SiteUser user, int limit) {
		requireOn(user);
		if (limit < 1 || limit > MAX_HISTORY) {
			throw new StandupProblem.Invalid("'limit' must be 1 to %d, not %d".formatted(MAX_HISTORY, limit));
		}
		return this.store.history(user.site().clientKey(), user.accountId(), limit);
	}

	void requireOn(SiteUser user) {
		if (!on(user)) {
			throw new StandupProblem.Off();
		}
	}

	private boolean on(SiteUser user) {
		return Boolean.TRUE.equals(this.features.forSite(user.site()).get(FEATURE));
	}

	/** Today in a time zone, by the app's clock. */
	LocalDate date(ZoneId zone) {
		return this.clock.instant().atZone(zone).toLocalDate();
	}

	private static String answer(String name, String value) {
		String answer = (value == null) ? "" : value.strip();
		if (answer.length() > MAX_ANSWER) {
			throw new StandupProblem.Invalid(
					"'%s' is %d characters long; at most %d are kept".formatted(name, answer.length(), MAX_ANSWER));
		}
		return answer;
	}

	/**
	 * Yesterday: what the user updated, transitioned or commented on during their
	 * yesterday (Jira's {@code updatedBy}, whose dates Jira reads in the user's zone);
	 * today: their issues in progress.
	 */
	private StandupSuggestions suggestions(SiteUser user, LocalDate today) {
		String yesterday = JQL_DATE.format(today.minusDays(1));
		String updated = "issuekey in updatedBy(currentUser(), \"%s\", \"%s\") ORDER BY updated DESC"
			.formatted(yesterday, yesterday);
		String inProgress = "assignee = currentUser() AND statusCategory = \"In Progress\" ORDER BY updated DESC";
		JiraIdentity who = JiraIdentity.of(user);
		return new StandupSuggestions(
				suggested(user, this.search.searchAll(who, updated, MAX_SUGGESTIONS), "You updated it yesterday"),
				suggested(user, this.search.searchAll(who, inProgress, MAX_SUGGESTIONS),
						"Assigned to you, in progress"));
	}

	private static List<SuggestedIssue> suggested(SiteUser user, List<IssueSummary> issues, String why) {
		List<SuggestedIssue> suggested = new ArrayList<>();
		for (IssueSummary issue : issues) {
			suggested.add(new SuggestedIssue(issue.key(), issue.summary(),
					(issue.status() == null) ? null : issue.status().name(),
					user.site().browseUrl(issue.key()).toString(), why));
		}
		return suggested;
	}

}

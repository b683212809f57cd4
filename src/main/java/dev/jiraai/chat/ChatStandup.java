package dev.jiraai.chat;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jiraai.ai.UntrustedText;
import dev.jiraai.confirm.Proposal;
import dev.jiraai.jira.IssueKey;
import dev.jiraai.standup.StandupAnswers;
import dev.jiraai.standup.StandupDay;
import dev.jiraai.standup.Standups;
import dev.jiraai.standup.SuggestedIssue;
import dev.jiraai.tenancy.SiteUser;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The daily stand-up as the assistant asks it: the user's first message of their day gets
 * the three questions first, one per message, each offered with what Jira suggests; the
 * answers are saved as the day's stand-up and the comments it would post come back as one
 * proposal to confirm. Then the message the stand-up interrupted is answered. No model
 * call: the questions and the suggestions are the app's and Jira's.
 */
@Component
class ChatStandup {

	private static final Logger logger = LoggerFactory.getLogger(ChatStandup.class);

	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE d MMMM", Locale.ENGLISH);

	private static final Pattern SKIP = Pattern.compile("(?i)\\s*(skip|pass|none|nothing|no|-|n/?a)[.!]?\\s*");

	private static final Pattern ACCEPT = Pattern
		.compile("(?i)\\s*(ok|okay|yes|y|yep|sure|use (them|these)|take (them|these)|accept)[.!]?\\s*");

	private static final Pattern SNOOZE = Pattern
		.compile("(?i)\\s*(not today|snooze|later|skip (the |my )?stand-?up( today)?|no stand-?up( today)?)[.!]?\\s*");

	/** The stand-up's questions, in the order they are asked. */
	private static final List<Standups.Question> QUESTIONS = Standups.QUESTIONS;

	/** What the stand-up came to in one turn. */
	enum Kind {

		/** No stand-up due: the message is handled as usual. */
		NOT_DUE,

		/** A question asked (or the stand-up snoozed before it began): the turn ends. */
		ASKED,

		/** The stand-up is saved and its comments await the user's confirmation. */
		PROPOSED,

		/** The stand-up is over: the interrupted message is answered next. */
		SETTLED

	}

	/**
	 * One turn of the stand-up.
	 *
	 * @param kind what it came to
	 * @param text what the assistant says
	 * @param proposalId the comments to post, when {@link Kind#PROPOSED}
	 * @param deferred the message the stand-up interrupted, to be answered once it is
	 * over
	 */
	record Turn(Kind kind, String text, UUID proposalId, String deferred) {

		static final Turn NOT_DUE = new Turn(Kind.NOT_DUE, null, null, null);

	}

	private final Standups standups;

	private final StandupFlows flows;

	private final ObjectMapper json;

	ChatStandup(Standups standups, StandupFlows flows, ObjectMapper json) {
		this.standups = standups;
		this.flows = flows;
		this.json = json;
	}

	/**
	 * Takes the user's message as this task's turn of the stand-up. The same task asking
	 * again (a run after a crash or a resume) gets the same turn back: the message is not
	 * taken as the answer to a further question.
	 */
	Turn take(SiteUser user, UUID task, String message) {
		Optional<StandupFlows.Flow> latest = this.flows.latest(user);
		if (latest.isPresent() && task.equals(latest.get().lastTask())) {
			StandupFlows.Flow flow = latest.get();
			return (flow.lastTurn() != null) ? this.json.convertValue(flow.lastTurn(), Turn.class)
					: finish(user, task, flow);
		}
		if (!this.standups.due(user)) {
			return Turn.NOT_DUE;
		}
		StandupDay day = this.standups.today(user);
		this.flows.forgetBefore(user, day.date());
		StandupFlows.Flow flow = latest.filter(found -> found.date().equals(day.date())).orElse(null);
		if (SNOOZE.matcher(message).matches()) {
			this.standups.snooze(user);
			String text = "OK, I won't ask for your stand-up again today.";
			return (flow == null) ? new Turn(Kind.ASKED, text, null, null)
					: moved(user, flow.next(task, flow.answered(), flow.answers(), flow.kept()),
							new Turn(Kind.SETTLED, text, null, flow.deferred()));
		}
		if (flow == null) {
			StandupFlows.Flow started = new StandupFlows.Flow(day.date(), 0, this.json.createObjectNode(), List.of(),
					message, task, null);
			return moved(user, started, new Turn(Kind.ASKED,
					"Before I answer, your daily stand-up for %s: three ".formatted(DAY.format(day.date()))
							+ "short questions. I'll come back to your message right after.\n\n" + question(0, day),
					null, message));
		}
		int asked = flow.answered();
		ObjectNode answers = flow.answers().deepCopy();
		List<String> kept = new ArrayList<>(flow.kept());
		List<SuggestedIssue> offered = suggestions(asked, day);
		if (SKIP.matcher(message).matches()) {
			answers.put(QUESTIONS.get(asked).id(), "");
		}
		else if (ACCEPT.matcher(message).matches() && !offered.isEmpty()) {
			answers.put(QUESTIONS.get(asked).id(),
					offered.stream()
						.map(issue -> issue.issueKey() + " " + issue.summary())
						.collect(Collectors.joining("; ")));
			offered.forEach(issue -> kept.add(issue.issueKey()));
		}
		else {
			answers.put(QUESTIONS.get(asked).id(), message.strip());
		}
		StandupFlows.Flow next = flow.next(task, asked + 1, answers, kept.stream().distinct().toList());
		if (asked + 1 < QUESTIONS.size()) {
			return moved(user, next, new Turn(Kind.ASKED, question(asked + 1, day), null, flow.deferred()));
		}
		this.flows.save(user, next);
		return finish(user, task, next);
	}

	/** Saves the answered stand-up and proposes its comments. */
	private Turn finish(SiteUser user, UUID task, StandupFlows.Flow flow) {
		String yesterday = flow.answers().path("yesterday").asText("");
		String today = flow.answers().path("today").asText("");
		String blockers = flow.answers().path("blockers").asText("");
		String day = DAY.format(flow.date());
		Turn turn;
		if (yesterday.isBlank() && today.isBlank() && blockers.isBlank()) {
			// Nothing to save; not asked again today either.
			this.standups.snooze(user);
			turn = new Turn(Kind.SETTLED, "You skipped every question, so no stand-up is saved for %s.".formatted(day),
					null, flow.deferred());
		}
		else {
			this.standups.save(user,
					new StandupAnswers(yesterday, today, blockers, flow.kept().stream().map(IssueKey::of).toList()));
			turn = proposed(user, day, flow.deferred());
		}
		this.flows.answered(user, flow.date(), task, this.json.valueToTree(turn));
		return turn;
	}

	private Turn proposed(SiteUser user, String day, String deferred) {
		Proposal comments;
		try {
			comments = this.standups.preview(user, false);
		}
		catch (RuntimeException ex) {
			logger.info("Stand-up comments for {} on {} could not be prepared: {}", user.accountId(),
					user.site().clientKey(), ex.getMessage());
			return new Turn(Kind.SETTLED,
					"Your stand-up for %s is saved, but the comments for your issues could not ".formatted(day)
							+ "be prepared (%s). You can post them later from the Stand-up tab."
								.formatted(UntrustedText.strip(String.valueOf(ex.getMessage()))),
					null, deferred);
		}
		int count = comments.payload().path("comments").size();
		if (count == 0) {
			return new Turn(Kind.SETTLED,
					"Your stand-up for %s is saved. It names no issue, so there is nothing to ".formatted(day)
							+ "post.",
					null, deferred);
		}
		return new Turn(Kind.PROPOSED,
				"Your stand-up for %s is saved. Here is what I would post: %s. ".formatted(day,
						count == 1 ? "one comment" : "a comment on each of %d issues".formatted(count))
						+ "Confirm to post them as you, or reject them and edit or drop any on the Stand-up tab.",
				comments.id(), deferred);
	}

	private Turn moved(SiteUser user, StandupFlows.Flow flow, Turn turn) {
		this.flows.save(user, new StandupFlows.Flow(flow.date(), flow.answered(), flow.answers(), flow.kept(),
				flow.deferred(), flow.lastTask(), this.json.valueToTree(turn)));
		return turn;
	}

	private static List<SuggestedIssue> suggestions(int question, StandupDay day) {
		return switch (question) {
			case 0 -> day.suggestions().yesterday();
			case 1 -> day.suggestions().today();
			default -> List.of();
		};
	}

	/** Question {@code index} with what Jira suggests for it, in Markdown. */
	private static String question(int index, StandupDay day) {
		StringBuilder text = new StringBuilder(
				"**%s** (question %d of %d)".formatted(QUESTIONS.get(index).text(), index + 1, QUESTIONS.size()));
		List<SuggestedIssue> offered = suggestions(index, day);
		if (!offered.isEmpty()) {
			text.append(index == 0 ? "\n\nFrom Jira, yesterday you worked on:\n"
					: "\n\nFrom Jira, you have in progress:\n");
			offered.forEach(issue -> text
				.append("- %s %s (%s)\n".formatted(issue.issueKey(), plain(issue.summary()), plain(issue.status()))));
			text.append("\nReply **ok** to take these, write your own answer, ");
		}
		else if (index == 2) {
			text.append("\n\nWrite your answer (name who can unblock it with @, for example @Bob Builder, and they are "
					+ "mentioned in the comment), ");
		}
		else {
			text.append("\n\nWrite your answer, ");
		}
		return text.append("**skip** to skip the question, or **not today** to skip the stand-up today.").toString();
	}

	/**
	 * Jira's text shown as text: an issue summary cannot make a link or emphasis in the
	 * answer.
	 */
	private static String plain(String text) {
		return (text == null) ? "" : text.replaceAll("([\\\\`*_\\[\\]()<>#!|~])", "\\\\$1");
	}

}

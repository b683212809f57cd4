package dev.jiraai.chat.tools;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.jiraai.ai.UntrustedText;
import dev.jiraai.chat.proposals.AssignPayload;
import dev.jiraai.chat.proposals.CommentPayload;
import dev.jiraai.chat.proposals.TransitionPayload;
import dev.jiraai.chat.proposals.TransitionPlanner;
import dev.jiraai.confirm.Proposal;
import dev.jiraai.confirm.Proposals;
import dev.jiraai.draft.Draft;
import dev.jiraai.draft.DraftService;
import dev.jiraai.jira.IssueKey;
import dev.jiraai.jira.IssueNotCreatable;
import dev.jiraai.jira.JiraIdentity;
import dev.jiraai.jira.JiraIssues;
import dev.jiraai.jira.JiraUsers;
import dev.jiraai.jira.PersonMatch;
import dev.jiraai.jira.ProjectKey;
import dev.jiraai.jira.payload.JiraUser;
import dev.jiraai.tenancy.SiteUser;

import org.springframework.ai.chat.model.ToolContext;
import org.springframework.ai.tool.annotation.Tool;
import org.springframework.ai.tool.annotation.ToolParam;

/**
 * The writing tools of one turn. None of them writes: each checks what it was asked
 * against Jira as the user (the people named, the transition and its required fields, the
 * create screen) and, only when it can be carried out as it stands, stores it as a
 * proposal the user confirms. When something is missing or unclear (a name that fits
 * several people, a field the workflow requires), nothing is proposed and the model is
 * told what to ask the user.
 */
final class ProposalTools {

	static final String FEATURE = "chat";

	/** Mention syntax the model must not write itself: an account id it made up. */
	private static final Pattern MENTION = Pattern.compile("@\\[[^\\]]*\\]\\([^)]*\\)");

	private static final int MAX_MENTIONS = 10;

	private static final int MAX_STORIES = 12;

	private final ToolTurn turn;

	private final Proposals proposals;

	private final JiraIssues issues;

	private final JiraUsers users;

	private final TransitionPlanner planner;

	private final DraftService drafts;

	ProposalTools(ToolTurn turn, Proposals proposals, JiraIssues issues, JiraUsers users, TransitionPlanner planner,
			DraftService drafts) {
		this.turn = turn;
		this.proposals = proposals;
		this.issues = issues;
		this.users = users;
		this.planner = planner;
		this.drafts = drafts;
	}

	@Tool(name = "proposeComment", resultConverter = PlainTextResult.class,
			description = "Proposes a comment on an issue, posted as the user only after they confirm it. Write each "
					+ "person to mention as @Name in the body and list the same names in mentionNames: they are "
					+ "looked up in Jira and become real mentions. A name that fits several people proposes nothing "
					+ "and lists them: ask the user which one.")
	String proposeComment(@ToolParam(description = "The issue key, e.g. SCRUM-2") String issueKey,
			@ToolParam(description = "The comment, Markdown, with @Name where a person is mentioned") String body,
			@ToolParam(required = false,
					description = "The names of the people to mention, as written after @ in the body") List<String> mentionNames,
			ToolContext context) {
		return this.turn.act(context, AssistantTool.PROPOSE_COMMENT,
				"Preparing a comment on %s…".formatted(ToolTurn.shown(issueKey)), user -> {
					IssueKey key = ToolTurn.issueKey(issueKey);
					if (body == null || body.isBlank()) {
						return "Give the comment's text.";
					}
					if (MENTION.matcher(body).find()) {
						return "Write mentions as @Name in the body and list the names in mentionNames; do not write "
								+ "@[...](...) yourself.";
					}
					List<String> names = (mentionNames == null) ? List.of()
							: mentionNames.stream().filter(name -> name != null && !name.isBlank()).distinct().toList();
					if (names.size() > MAX_MENTIONS) {
						return "Mention at most %d people in one comment.".formatted(MAX_MENTIONS);
					}
					JiraIdentity who = JiraIdentity.of(user);
					ToolTurn.visible(key, () -> this.issues.version(who, key));
					Map<String, JiraUser> mentioned = new LinkedHashMap<>();
					for (String name : names) {
						PersonMatch match = PersonMatch.of(name,
								this.users.search(who, name.strip(), 0, PersonMatch.CANDIDATES));
						if (!(match instanceof PersonMatch.One one)) {
							return PeopleFinder.unresolved(match, "proposeComment", "mentionNames");
						}
						mentioned.put(name.strip(), one.user());
					}
					Proposal proposal = this.proposals.propose(user, FEATURE, CommentPayload.KIND,
							new CommentPayload(key, withMentions(body.strip(), mentioned)));
					this.turn.turn().proposed(proposal);
					return ToolTurn
						.awaitingConfirmation(
								"a comment on %s%s"
									.formatted(key,
											mentioned.isEmpty() ? ""
													: " mentioning %d %s".formatted(mentioned.size(),
															mentioned.size() == 1 ? "person" : "people")),
								proposal.id());
				});
	}

	/**
	 * The body with each {@code @Name} as {@code @[Display Name](accountId)}; a person
	 * the body does not name with an {@code @} is mentioned at its start.
	 */
	static String withMentions(String body, Map<String, JiraUser> mentioned) {
		String text = body;
		List<String> prefix = new ArrayList<>();
		for (Map.Entry<String, JiraUser> entry : mentioned.entrySet()) {
			JiraUser person = entry.getValue();
			String mention = "@[%s](%s)".formatted(
					ToolTurn.line(person.displayName()).replace("[", "\\[").replace("]", "\\]"), person.accountId());
			// The full display name first, so "@Bob Builder" does not become a mention
			// of "Bob" followed by "Builder".
			List<String> spellings = List.of(person.displayName(), entry.getKey())
				.stream()
				.filter(spelling -> spelling != null && !spelling.isBlank())
				.distinct()
				.sorted(Comparator.comparingInt(String::length).reversed())
				.toList();
			boolean found = false;
			for (String spelling : spellings) {
				Matcher at = Pattern.compile("(?i)@" + Pattern.quote(spelling) + "(?![\\p{L}\\p{N}_\\[])")
					.matcher(text);
				if (at.find()) {
					text = at.replaceAll(Matcher.quoteReplacement(mention));
					found = true;
					break;
				}
			}
			if (!found) {
				prefix.add(mention);
			}
		}
		return prefix.isEmpty() ? text : String.join(" ", prefix) + " " + text;
	}

	@Tool(name = "proposeTransition", resultConverter = PlainTextResult.class,
			description = "Proposes moving an issue along its workflow, done as the user only after they confirm. "
					+ "Name a transition (see getTransitions) or the status to move to. When the transition requires "
					+ "fields (e.g. Resolution), give the values the user stated in fieldValues; a value nobody gave is left "
					+ "for the user to fill in on the card. A value that is not allowed proposes nothing and the answer "
					+ "names the allowed ones.")
	String proposeTransition(@ToolParam(description = "The issue key, e.g. SCRUM-2") String issueKey, @ToolParam(
			description = "The transition's name or id, or the name of the target status, e.g. Done") String transition,
			@ToolParam(required = false,
					description = "Values of the fields the transition requires, by field id or name, e.g. "
							+ "{\"resolution\": \"Done\"}") Map<String, String> fieldValues,
			ToolContext context) {
		return this.turn.act(context, AssistantTool.PROPOSE_TRANSITION,
				"Preparing to move %s…".formatted(ToolTurn.shown(issueKey)), user -> {
					IssueKey key = ToolTurn.issueKey(issueKey);
					Map<String, String> values = (fieldValues == null) ? Map.of() : fieldValues;
					TransitionPlanner.Plan plan = ToolTurn.visible(key,
							() -> this.planner.plan(user, key, transition, values));
					return switch (plan) {
						case TransitionPlanner.Plan.NotOffered notOffered -> ("'%s' is not a transition of %s now, so "
								+ "nothing was proposed. Its transitions:\n%s\nPick one of them (ask the user if unsure).")
							.formatted(ToolTurn.shown(notOffered.requested()), key, UntrustedText.fence("transitions",
									TransitionPlanner.describe(notOffered.offered())));
						case TransitionPlanner.Plan.NeedsValues needs -> ("Moving %s with '%s' needs more, so nothing "
								+ "was proposed:\n%s\nAsk the user for values it accepts (offer the allowed ones), then "
								+ "call proposeTransition again with them in fieldValues.")
							.formatted(key, ToolTurn.line(needs.transition().name()),
									needs.problems()
										.stream()
										.map(problem -> "- " + problem)
										.collect(Collectors.joining("\n")));
						case TransitionPlanner.Plan.AlreadyThere there ->
							"%s is in %s already, so nothing was proposed.".formatted(key,
									ToolTurn.line(there.status()));
						case TransitionPlanner.Plan.Ready ready -> proposed(user, ready.payload());
					};
				});
	}

	private String proposed(SiteUser user, TransitionPayload payload) {
		Proposal proposal = this.proposals.propose(user, FEATURE, TransitionPayload.KIND, payload);
		this.turn.turn().proposed(proposal);
		String fields = payload.fields()
			.stream()
			.filter(field -> field.value() != null)
			.map(field -> "%s = %s".formatted(field.name(), field.value()))
			.collect(Collectors.joining(", "));
		String proposedAnswer = ToolTurn.awaitingConfirmation("moving %s from %s to %s%s".formatted(payload.issueKey(),
				payload.fromStatus(), payload.toStatus(), fields.isEmpty() ? "" : " with " + fields), proposal.id());
		if (payload.missing().isEmpty()) {
			return proposedAnswer;
		}
		return proposedAnswer + "\nThe card asks the user for %s: they fill it in before confirming. Tell them."
			.formatted(payload.missing()
				.stream()
				.map(field -> ToolTurn.line(field.name()) + (field.allowedValues() == null ? ""
						: " (one of " + field.allowedValues()
							.stream()
							.map(value -> ToolTurn.line(value.name()))
							.collect(Collectors.joining(", ")) + ")"))
				.collect(Collectors.joining("; ")));
	}

	@Tool(name = "proposeAssign", resultConverter = PlainTextResult.class,
			description = "Proposes assigning an issue to a person who can be assigned it, done as the user only after "
					+ "they confirm. A name that fits several people proposes nothing and lists them: ask the user "
					+ "which one.")
	String proposeAssign(@ToolParam(description = "The issue key, e.g. SCRUM-2") String issueKey,
			@ToolParam(description = "The person's name, e.g. Bob Builder") String userName, ToolContext context) {
		return this.turn.act(context, AssistantTool.PROPOSE_ASSIGN,
				"Preparing to assign %s…".formatted(ToolTurn.shown(issueKey)), user -> {
					IssueKey key = ToolTurn.issueKey(issueKey);
					if (userName == null || userName.isBlank()) {
						return "Give the name of the person to assign.";
					}
					List<JiraUser> assignable = ToolTurn.visible(key, () -> this.users.assignable(JiraIdentity.of(user),
							null, key, userName.strip(), PersonMatch.CANDIDATES));
					PersonMatch match = PersonMatch.of(userName, assignable);
					if (!(match instanceof PersonMatch.One one)) {
						return PeopleFinder.unresolved(match, "proposeAssign", "userName");
					}
					Proposal proposal = this.proposals.propose(user, FEATURE, AssignPayload.KIND,
							new AssignPayload(key, one.user().accountId(), one.user().displayName()));
					this.turn.turn().proposed(proposal);
					return ToolTurn.awaitingConfirmation("assigning %s to the person named".formatted(key),
							proposal.id());
				});
	}

	/**
	 * A story of an epic to create.
	 *
	 * @param summary its summary
	 * @param description its description
	 * @param issueType its issue type
	 */
	record Story(@ToolParam(description = "The story's summary") String summary,
			@ToolParam(required = false, description = "The story's description, Markdown") String description,
			@ToolParam(required = false, description = "Its issue type; Story when left out") String issueType) {
	}

	@Tool(name = "proposeIssue", resultConverter = PlainTextResult.class,
			description = "Proposes creating an issue, or an epic with its stories, created as the user only after they "
					+ "confirm. It is checked against the project's create screen first: when a required field is "
					+ "missing or a value is not allowed, nothing is proposed and the answer names the fields and their "
					+ "allowed values to ask the user for.")
	String proposeIssue(@ToolParam(description = "The project key, e.g. SCRUM") String projectKey,
			@ToolParam(description = "The issue's summary (the epic's, with stories)") String summary,
			@ToolParam(required = false,
					description = "Its issue type, e.g. Task, Bug, Story; Epic when stories are given") String issueType,
			@ToolParam(required = false, description = "Its description, Markdown") String description,
			@ToolParam(required = false, description = "Its priority name, e.g. High") String priority,
			@ToolParam(required = false, description = "An existing parent issue's key") String parentKey,
			@ToolParam(required = false,
					description = "Values of other fields the create screen requires, by field id, e.g. "
							+ "{\"customfield_10050\": \"Production\"}") Map<String, String> fields,
			@ToolParam(required = false, description = "To create an epic with stories: the stories, at most "
					+ MAX_STORIES) List<Story> stories,
			ToolContext context) {
		return this.turn.act(context, AssistantTool.PROPOSE_ISSUE,
				"Preparing a new issue in %s…".formatted(ToolTurn.shown(projectKey)), user -> {
					ProjectKey project = ProjectKey.of(projectKey == null ? "" : projectKey.strip());
					List<Story> children = (stories == null) ? List.of() : stories;
					if (children.size() > MAX_STORIES) {
						return "Propose at most %d stories at once.".formatted(MAX_STORIES);
					}
					IssueKey parent = (parentKey == null || parentKey.isBlank()) ? null : ToolTurn.issueKey(parentKey);
					boolean epic = !children.isEmpty();
					List<Draft> batch = new ArrayList<>();
					batch.add(draft(epic ? "epic" : "T1", summary, orDefault(issueType, epic ? "Epic" : "Task"),
							priority, description, null, parent, fields));
					for (int i = 0; i < children.size(); i++) {
						Story story = children.get(i);
						batch.add(draft("S" + (i + 1), story.summary(), orDefault(story.issueType(), "Story"), null,
								story.description(), "epic", null, null));
					}
					try {
						Proposal proposal = this.drafts.proposeCreatable(user, FEATURE, project, batch);
						this.turn.turn().proposed(proposal);
						return ToolTurn.awaitingConfirmation(
								epic ? "creating an epic with %d stories in %s".formatted(children.size(), project)
										: "creating an issue in %s".formatted(project),
								proposal.id());
					}
					catch (IssueNotCreatable ex) {
						return ("The project's create screen would refuse this, so nothing was proposed:\n%s\nAsk the "
								+ "user for what is missing (offer the allowed values), then call proposeIssue again "
								+ "with it (other fields in fields, by field id).")
							.formatted(problems(ex, epic));
					}
				});
	}

	private static Draft draft(String ref, String summary, String issueType, String priority, String description,
			String parentRef, IssueKey parentKey, Map<String, String> fields) {
		return new Draft(ref, summary == null ? "" : summary.strip(), issueType, blankToNull(priority), List.of(),
				List.of(), null, null, description, List.of(), parentRef, parentKey, List.of(), null, List.of(),
				fields);
	}

	private static String problems(IssueNotCreatable ex, boolean epic) {
		return ex.problems().stream().map(problem -> {
			String which = (!epic || problem.index() == null) ? ""
					: (problem.index() == 0) ? "the epic: " : "story %d: ".formatted(problem.index());
			return "- %s%s (%s) %s%s".formatted(which, problem.name(), problem.fieldId(), problem.problem(),
					problem.allowedValues().isEmpty() ? ""
							: "; allowed: " + String.join(", ", problem.allowedValues()));
		}).collect(Collectors.joining("\n"));
	}

	private static String orDefault(String value, String fallback) {
		return (value == null || value.isBlank()) ? fallback : value.strip();
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

}

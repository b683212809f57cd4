package dev.jiraai.chat;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jiraai.ai.AiCall;
import dev.jiraai.ai.ConversationHistory;
import dev.jiraai.ai.ConversationId;
import dev.jiraai.ai.Intent;
import dev.jiraai.ai.ModelTurn;
import dev.jiraai.ai.PreparedCall;
import dev.jiraai.ai.ResolvedPrompt;
import dev.jiraai.ai.ToolContexts;
import dev.jiraai.ai.UntrustedText;
import dev.jiraai.assess.Assessment;
import dev.jiraai.assess.AssessmentService;
import dev.jiraai.chat.ChatWorkflow.Outcome;
import dev.jiraai.chat.ChatWorkflow.Step;
import dev.jiraai.confirm.Proposal;
import dev.jiraai.jira.IssueKey;
import dev.jiraai.jira.JiraIdentity;
import dev.jiraai.tasks.ConfirmationNeeded;
import dev.jiraai.tasks.TaskContext;
import dev.jiraai.tenancy.SiteUser;

import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.model.ToolContext;
import org.springframework.ai.tool.ToolCallback;

/**
 * One run of a chat turn's task, following {@link ChatWorkflow}. Every model call, tool
 * call and decision is a checkpointed step: a run after a resume (or after a crash, on
 * any instance) replays the steps it already took from their stored results, without
 * calling the model or Jira again, and goes on from where the turn stopped.
 */
final class ChatTurnRun {

	static final String PROMPT = "chat_assistant";

	private static final String CREATE_FOCUS = "The user wants a Jira issue (or an epic with stories) created: "
			+ "look up what you need, then prepare it with the proposeIssue tool; it is created only when the "
			+ "user confirms.";

	private final ChatServices services;

	private final TaskContext task;

	private final ChatInput input;

	private final SiteUser user;

	private final ConversationId conversation;

	private final ObjectNode data;

	private final Map<UUID, Proposal> proposals = new LinkedHashMap<>();

	/**
	 * Proposals made and not yet decided in this run: what a replay decides is the same
	 * as the first run, whatever state the proposals are in now.
	 */
	private final java.util.Set<UUID> undecided = new java.util.LinkedHashSet<>();

	private boolean limitNoted;

	/** This turn's model rounds and tool results, after the user's message. */
	private final List<Message> rounds = new ArrayList<>();

	private Intent intent;

	private String answer;

	private String focus = "";

	/**
	 * The message this turn answers: the user's, or the one the stand-up interrupted once
	 * it is over.
	 */
	private String message;

	/** What the stand-up said before this turn's answer, kept with it. */
	private String preface = "";

	private PreparedCall prepared;

	private ConversationHistory.Window window;

	private int round;

	private int toolCalls;

	private int waits;

	private ChatDecision decision;

	ChatTurnRun(ChatServices services, TaskContext task, ChatInput input) {
		this.services = services;
		this.task = task;
		this.input = input;
		this.user = task.user();
		this.conversation = Conversations.conversationId(this.user, input.conversationId());
		this.data = services.json().createObjectNode();
		this.message = input.message();
	}

	ChatAnswer run() {
		Step step = Step.STANDUP;
		while (step != null) {
			step = ChatWorkflow.next(step, take(step));
		}
		if (!this.preface.isEmpty()) {
			this.answer = (this.answer == null || this.answer.isEmpty()) ? this.preface
					: this.preface + "\n\n" + this.answer;
		}
		return new ChatAnswer(this.input.conversationId(), this.answer, this.data, current(this.proposals.keySet()));
	}

	private Outcome take(Step step) {
		return switch (step) {
			case STANDUP -> standup();
			case CLASSIFY -> classify();
			case CLARIFY -> clarify();
			case ANALYSE_REQUIREMENT -> analyse();
			case ASSESS_ISSUE -> assess();
			case CREATE_TICKET -> {
				this.focus = CREATE_FOCUS;
				yield converse();
			}
			case GENERAL_QUERY -> converse();
			case AWAIT_CONFIRMATION -> awaitConfirmation();
			case CARRY_OUT -> carryOut();
			case ANSWER -> remember();
		};
	}

	/**
	 * The day's stand-up, when one is due, before anything else (not for a script: it
	 * wants its answer).
	 */
	private Outcome standup() {
		if (!this.input.standupFirst()) {
			return Outcome.NOT_DUE;
		}
		ChatStandup.Turn turn = this.task.step("standup", ChatStandup.Turn.class,
				() -> this.services.standup().take(this.user, this.task.taskId(), this.input.message()));
		switch (turn.kind()) {
			case NOT_DUE -> {
				return Outcome.NOT_DUE;
			}
			case ASKED -> {
				this.answer = turn.text();
				this.task.text(this.answer);
				return Outcome.ASKED;
			}
			case PROPOSED -> {
				this.answer = turn.text();
				this.task.text(this.answer);
				Proposal comments = this.services.proposals().get(this.user, turn.proposalId());
				this.proposals.put(comments.id(), comments);
				this.undecided.add(comments.id());
				this.focus = afterStandup(turn.deferred());
				return Outcome.PROPOSED;
			}
			default -> {
				this.preface = turn.text();
				this.task.text(this.preface + "\n\n");
				if (turn.deferred() == null) {
					this.answer = "";
					return Outcome.ASKED;
				}
				this.message = turn.deferred();
				return Outcome.STANDUP_OVER;
			}
		}
	}

	/** What the model is to do once the user has decided on the stand-up's comments. */
	private static String afterStandup(String deferred) {
		return "The user has just given their daily stand-up and decided on the comments it proposed. Say in one "
				+ "sentence what was posted (or that nothing was), then answer the message they sent before the "
				+ "stand-up, quoted here as their words: " + UntrustedText.fence("earlier message", deferred);
	}

	private Outcome classify() {
		this.task.progress("understanding", "Reading your message…");
		this.intent = this.task.step("intent", Intent.class, () -> {
			List<String> projects = this.services.metadata()
				.projects(JiraIdentity.of(this.user))
				.stream()
				.map(project -> project.key() + " " + project.name())
				.toList();
			return this.services.intents().classify(this.user.site(), this.user.accountId(), this.message, projects);
		});
		return Outcome.of(this.intent);
	}

	/** Asks rather than guesses: no model call, the user's next message decides. */
	private Outcome clarify() {
		this.answer = """
				I'm not sure what you'd like me to do. Could you say a little more? For example:

				- "What am I working on?" or "Find open bugs in SCRUM"
				- "Summarise SCRUM-2" or "Assess SCRUM-2"
				- "Comment on SCRUM-2 that the fix is deployed" or "Move SCRUM-2 to Done"
				- "Create a story in SCRUM for …" or "Analyse this requirement: …\"""";
		if (this.intent != null && this.intent.confident() && this.intent.intent() == Intent.Kind.ASSESS_TICKET) {
			this.answer = "Which issue should I assess? Name its key, for example SCRUM-2, or open the assistant "
					+ "from the issue.";
		}
		return Outcome.ANSWERED;
	}

	private Outcome analyse() {
		this.task.progress("thinking", "Analysing the requirement…");
		String project = (this.intent.project() != null) ? this.intent.project()
				: (this.input.projectKey() == null ? "" : this.input.projectKey());
		this.answer = this.task.step("analysis", String.class, () -> {
			String text = this.services.gateway()
				.call(new AiCall(this.user.site(), this.user.accountId(), "chat", "requirement_analyzer.system",
						"requirement_analyzer_markdown",
						Map.of("requirement", this.message, "project", project, "context", "")))
				.text();
			return text;
		});
		this.task.text(this.answer);
		return Outcome.ANSWERED;
	}

	private Outcome assess() {
		List<String> keys = new ArrayList<>(this.intent.issueKeys());
		if (keys.isEmpty() && this.input.issueKey() != null) {
			keys.add(this.input.issueKey());
		}
		if (keys.isEmpty()) {
			return Outcome.NO_ISSUE;
		}
		List<Assessment> assessed = new ArrayList<>();
		StringBuilder text = new StringBuilder();
		for (String key : keys.stream().limit(this.services.properties().assessLimit()).toList()) {
			IssueKey issueKey = IssueKey.of(key);
			this.task.event("tool", new ChatTurnLog.ToolActivity("assessIssue", "Assessing %s…".formatted(issueKey)));
			this.task.progress("thinking", "Assessing %s…".formatted(issueKey));
			// Each issue is one step of its own: the assessment's inner steps would share
			// names across issues.
			Assessment assessment = this.task.step("assess-" + issueKey, Assessment.class,
					() -> this.services.assessments()
						.assess(this.user, issueKey, false, false, AssessmentService.Listener.NONE));
			assessed.add(assessment);
			text.append(AssessmentSummary.markdown(assessment)).append("\n\n");
		}
		if (keys.size() > this.services.properties().assessLimit()) {
			text.append("I assessed the first %d; ask again for the others."
				.formatted(this.services.properties().assessLimit()));
		}
		this.data.set("assessments", this.services.json().valueToTree(assessed));
		this.answer = text.toString().strip();
		this.task.text(this.answer);
		return Outcome.ANSWERED;
	}

	/**
	 * The model with the Jira tools, a round at a time: each round is one model call; the
	 * tools it asks for run here as the user, counted against the turn's limit. Ends when
	 * the model answers (with proposals awaiting the user, or not).
	 */
	private Outcome converse() {
		PreparedCall call = prepared();
		while (true) {
			boolean toolsLeft = this.toolCalls < this.services.properties().maxToolCalls();
			if (!toolsLeft && !this.limitNoted) {
				this.limitNoted = true;
				this.rounds.add(new UserMessage("(From the application, not the user) The tool-call limit of this "
						+ "message is reached. Answer now with what you found; say what you could not look up."));
			}
			// Definitions only: each call below gets callbacks of its own, reporting to
			// it.
			List<ToolCallback> offered = toolsLeft
					? this.services.tools().forTurn(this.user, new ChatTurnLog(this.task, this.services.json()))
					: List.of();
			String name = "round-" + this.round++;
			this.task.progress("thinking", this.rounds.isEmpty() ? "Thinking…" : "Putting it together…");
			ModelTurn turn = this.task.step(name, ModelTurn.class,
					() -> this.services.gateway().converse(call, history(), this.rounds, offered));
			if (!turn.wantsTools()) {
				this.answer = turn.text().strip();
				this.task.text(this.answer);
				return this.undecided.isEmpty() ? Outcome.ANSWERED : Outcome.PROPOSED;
			}
			this.rounds.add(AssistantMessage.builder()
				.content(turn.text() == null ? "" : turn.text())
				.toolCalls(turn.toolCalls()
					.stream()
					.map(request -> new AssistantMessage.ToolCall(request.id(), "function", request.name(),
							request.arguments()))
					.toList())
				.build());
			List<ToolResponseMessage.ToolResponse> responses = new ArrayList<>();
			int index = 0;
			for (ModelTurn.ToolRequest request : turn.toolCalls()) {
				ToolRun run = runTool(request, name + "-tool-" + index++);
				responses.add(new ToolResponseMessage.ToolResponse(request.id(), request.name(), run.result()));
			}
			this.rounds.add(ToolResponseMessage.builder().responses(responses).build());
		}
	}

	/**
	 * What one tool call produced, as its checkpoint keeps it.
	 *
	 * @param result what the model reads back
	 * @param found what it found, by name
	 * @param proposals the proposals it stored
	 */
	record ToolRun(String result, JsonNode found, List<Proposal> proposals) {
	}

	private ToolRun runTool(ModelTurn.ToolRequest request, String stepName) {
		if (this.toolCalls >= this.services.properties().maxToolCalls()) {
			return new ToolRun("Not run: the tool-call limit of this message is reached.", null, List.of());
		}
		this.toolCalls++;
		// Not in a transaction: a tool may wait on Jira or the model. A crash after a
		// proposal was stored and before the step was kept leaves that proposal unshown;
		// it expires unconfirmed.
		ToolRun run = this.task.step(stepName, ToolRun.class, () -> {
			ChatTurnLog log = new ChatTurnLog(this.task, this.services.json());
			ToolCallback callback = this.services.tools()
				.forTurn(this.user, log)
				.stream()
				.filter(c -> c.getToolDefinition().name().equals(request.name()))
				.findFirst()
				.orElse(null);
			if (callback == null) {
				return new ToolRun("There is no tool named '%s' here.".formatted(UntrustedText.strip(request.name())),
						null, List.of());
			}
			String result;
			try {
				result = callback.call(request.arguments(),
						new ToolContext(Map.of(ToolContexts.USER, (Object) this.user)));
			}
			catch (RuntimeException ex) {
				// The model hears why, in words it can pass on; nothing was written.
				result = "The tool failed: " + UntrustedText.strip(String.valueOf(ex.getMessage()));
			}
			return new ToolRun(result, log.found(), log.proposals());
		});
		if (run.found() != null) {
			run.found().properties().forEach(entry -> this.data.set(entry.getKey(), entry.getValue()));
		}
		run.proposals().forEach(proposal -> {
			this.proposals.put(proposal.id(), proposal);
			this.undecided.add(proposal.id());
		});
		return run;
	}

	/** The proposals of this turn the user has not decided on yet, as they are now. */
	private List<Proposal> undecidedNow() {
		return current(this.undecided);
	}

	/**
	 * Waits for the user's decision on the pending proposals, or takes the one they gave
	 * when this wait was reached before.
	 */
	private Outcome awaitConfirmation() {
		List<ChatDecision> decisions = this.task.decisions()
			.stream()
			.map(node -> this.services.json().convertValue(node, ChatDecision.class))
			.toList();
		if (this.waits < decisions.size()) {
			this.decision = decisions.get(this.waits++);
			return Outcome.DECIDED;
		}
		List<Proposal> pending = undecidedNow();
		ObjectNode awaiting = this.services.json().createObjectNode();
		awaiting.put("answer", this.answer);
		awaiting.set("proposals", this.services.json().valueToTree(pending));
		throw new ConfirmationNeeded(pending.size() == 1 ? "Confirm or reject the proposed change."
				: "Confirm or reject the %d proposed changes.".formatted(pending.size()), awaiting);
	}

	/** What a decision came to, as its checkpoint keeps it. */
	record CarriedOut(String note) {
	}

	/**
	 * Carries out (exactly once, as the user, by the confirmation workflow) or declines
	 * the proposal decided on, and tells the model what happened.
	 */
	private Outcome carryOut() {
		ChatDecision decided = this.decision;
		CarriedOut carried = this.task.step("decision-" + (this.waits - 1), CarriedOut.class, () -> {
			UUID id = decided.proposalId();
			if (id == null || !this.undecided.contains(id)) {
				return new CarriedOut("The user's decision named no proposal of this turn; nothing was done.");
			}
			Proposal proposal = this.proposals.get(id);
			if (!decided.confirmation()) {
				this.services.proposals().reject(this.user, id);
				return new CarriedOut("The user declined the proposed %s (%s); it was not done. Do not propose it "
					.formatted(proposal.kind(), id) + "again unless they ask.");
			}
			this.task.progress("carrying-out", "Carrying out your confirmed change…");
			try {
				if (decided.edited() != null) {
					this.services.proposals().edit(this.user, id, decided.edited());
				}
				Proposal done = this.services.proposals().confirm(this.user, id);
				return new CarriedOut("The user confirmed the proposed %s and it was carried out: %s"
					.formatted(proposal.kind(), done.result() == null ? "done" : done.result().toString()));
			}
			catch (RuntimeException ex) {
				return new CarriedOut("The user confirmed the proposed %s but it could not be carried out: %s"
					.formatted(proposal.kind(), UntrustedText.strip(String.valueOf(ex.getMessage()))));
			}
		});
		this.undecided.remove(decided.proposalId());
		this.rounds.add(new AssistantMessage(this.answer == null ? "" : this.answer));
		this.rounds.add(new UserMessage("(From the application, not the user) " + carried.note()));
		this.decision = null;
		return this.undecided.isEmpty() ? Outcome.DONE : Outcome.MORE_PENDING;
	}

	/** Keeps the user's message and the answer in the conversation, once. */
	private Outcome remember() {
		this.task.stepInTransaction("remembered", Boolean.class, () -> {
			this.services.history().append(this.conversation, this.input.message(), this.answer);
			this.services.conversations().open(this.user, this.input.conversationId(), this.input.message());
			return true;
		});
		return Outcome.DONE;
	}

	private PreparedCall prepared() {
		if (this.prepared == null) {
			ResolvedPrompt resolved = this.services.gateway()
				.resolve(this.user.site(), "chat", PROMPT + ".system", PROMPT);
			String summary = summary();
			this.prepared = this.services.gateway()
				.prepare(resolved, this.user.accountId(),
						Map.of("user_name", displayName(), "today", LocalDate.now(ZoneOffset.UTC).toString(), "summary",
								summary == null ? "" : summary, "message", this.message, "context",
								this.input.contextLine(), "focus", this.focus));
		}
		return this.prepared;
	}

	private List<Message> history() {
		return window().messages();
	}

	/** The conversation as the model reads it this turn, read once. */
	private ConversationHistory.Window window() {
		if (this.window == null) {
			this.window = this.services.history().window(this.conversation, this.services.properties().historyTokens());
		}
		return this.window;
	}

	/**
	 * The running summary of turns that no longer fit the window, brought up to date (one
	 * model call) when enough has fallen out of it since.
	 */
	private String summary() {
		ConversationHistory.Window window = window();
		Conversations.Summary stored = this.services.conversations().summary(this.user, this.input.conversationId());
		List<ConversationHistory.Entry> unsummarised = window.older()
			.stream()
			.filter(entry -> entry.id() > stored.upTo())
			.toList();
		int characters = unsummarised.stream().mapToInt(entry -> entry.text().length()).sum();
		if (characters < this.services.properties().historyTokens()) {
			return stored.text();
		}
		return this.task.step("summary", String.class, () -> {
			String messages = unsummarised.stream()
				.map(entry -> (entry.fromUser() ? "User: " : "Assistant: ") + entry.text())
				.collect(Collectors.joining("\n\n"));
			String text = this.services.gateway()
				.call(new AiCall(this.user.site(), this.user.accountId(), "chat", null, "conversation_summary",
						Map.of("previous", stored.text() == null ? "" : stored.text(), "messages", messages)))
				.text();
			this.services.conversations()
				.summarised(this.user, this.input.conversationId(), text,
						unsummarised.get(unsummarised.size() - 1).id());
			return text;
		});
	}

	private String displayName() {
		return this.task.step("user-name", String.class,
				() -> this.services.users().myself(JiraIdentity.of(this.user)).displayName());
	}

	private List<Proposal> current(java.util.Collection<UUID> ids) {
		return ids.stream().map(id -> this.services.proposals().get(this.user, id)).toList();
	}

}

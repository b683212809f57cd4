package dev.jiraai.chat;

import java.util.List;
import java.util.stream.Collectors;

import dev.jiraai.ai.Intent;

/**
 * The assistant's graph, written once: every step a turn can take and where each outcome
 * leads. {@link ChatTurnRun} follows it, and its diagram ({@link #mermaid()}, served at
 * {@code GET /api/chat/workflow} and embedded in docs/chat.md) is drawn from the same
 * edges, so the picture cannot drift from the code.
 */
final class ChatWorkflow {

	/** A step of a turn. */
	enum Step {

		STANDUP("Ask the day's stand-up first"), CLASSIFY("Classify the message"), CLARIFY("Ask what the user means"),
		ANALYSE_REQUIREMENT("Analyse the requirement"), ASSESS_ISSUE("Assess the issue"),
		CREATE_TICKET("Draft the ticket with tools"), GENERAL_QUERY("Answer with Jira tools"),
		AWAIT_CONFIRMATION("Wait for the user's confirmation"), CARRY_OUT("Carry out or decline the proposal"),
		ANSWER("Answer and remember the turn");

		private final String label;

		Step(String label) {
			this.label = label;
		}

		String label() {
			return this.label;
		}

	}

	/** What a step came to. */
	enum Outcome {

		REQUIREMENT_ANALYSIS("requirement analysis"), CREATE_TICKET("create ticket"), ASSESS_TICKET("assess ticket"),
		GENERAL_QUERY("general query"), UNSURE("low confidence"), NO_ISSUE("no issue named"),
		PROPOSED("proposals made"), ANSWERED("answered"), DECIDED("user decided"), MORE_PENDING("more pending"),
		DONE("done"), NOT_DUE("no stand-up due"), ASKED("question asked"),
		STANDUP_OVER("stand-up over, earlier message next");

		private final String label;

		Outcome(String label) {
			this.label = label;
		}

		static Outcome of(Intent intent) {
			if (!intent.confident()) {
				return UNSURE;
			}
			return switch (intent.intent()) {
				case REQUIREMENT_ANALYSIS -> REQUIREMENT_ANALYSIS;
				case CREATE_TICKET -> CREATE_TICKET;
				case ASSESS_TICKET -> ASSESS_TICKET;
				case GENERAL_QUERY -> GENERAL_QUERY;
			};
		}

	}

	/** Where {@code on} leads from {@code from}; {@code to} null ends the turn. */
	record Edge(Step from, Outcome on, Step to) {
	}

	static final List<Edge> EDGES = List.of(new Edge(Step.STANDUP, Outcome.NOT_DUE, Step.CLASSIFY),
			new Edge(Step.STANDUP, Outcome.ASKED, Step.ANSWER),
			new Edge(Step.STANDUP, Outcome.PROPOSED, Step.AWAIT_CONFIRMATION),
			new Edge(Step.STANDUP, Outcome.STANDUP_OVER, Step.CLASSIFY),
			new Edge(Step.CLASSIFY, Outcome.UNSURE, Step.CLARIFY),
			new Edge(Step.CLASSIFY, Outcome.REQUIREMENT_ANALYSIS, Step.ANALYSE_REQUIREMENT),
			new Edge(Step.CLASSIFY, Outcome.ASSESS_TICKET, Step.ASSESS_ISSUE),
			new Edge(Step.CLASSIFY, Outcome.CREATE_TICKET, Step.CREATE_TICKET),
			new Edge(Step.CLASSIFY, Outcome.GENERAL_QUERY, Step.GENERAL_QUERY),
			new Edge(Step.CLARIFY, Outcome.ANSWERED, Step.ANSWER),
			new Edge(Step.ANALYSE_REQUIREMENT, Outcome.ANSWERED, Step.ANSWER),
			new Edge(Step.ASSESS_ISSUE, Outcome.ANSWERED, Step.ANSWER),
			new Edge(Step.ASSESS_ISSUE, Outcome.NO_ISSUE, Step.CLARIFY),
			new Edge(Step.CREATE_TICKET, Outcome.ANSWERED, Step.ANSWER),
			new Edge(Step.CREATE_TICKET, Outcome.PROPOSED, Step.AWAIT_CONFIRMATION),
			new Edge(Step.GENERAL_QUERY, Outcome.ANSWERED, Step.ANSWER),
			new Edge(Step.GENERAL_QUERY, Outcome.PROPOSED, Step.AWAIT_CONFIRMATION),
			new Edge(Step.AWAIT_CONFIRMATION, Outcome.DECIDED, Step.CARRY_OUT),
			new Edge(Step.CARRY_OUT, Outcome.MORE_PENDING, Step.AWAIT_CONFIRMATION),
			new Edge(Step.CARRY_OUT, Outcome.DONE, Step.GENERAL_QUERY), new Edge(Step.ANSWER, Outcome.DONE, null));

	private ChatWorkflow() {
	}

	/**
	 * The step after {@code from} on {@code outcome}, or {@code null} when the turn ends.
	 * @throws IllegalStateException for an outcome the graph has no edge for (a bug)
	 */
	static Step next(Step from, Outcome outcome) {
		return EDGES.stream()
			.filter(edge -> edge.from() == from && edge.on() == outcome)
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("No edge from %s on %s".formatted(from, outcome)))
			.to();
	}

	/** The graph as a Mermaid flowchart. */
	static String mermaid() {
		String nodes = java.util.Arrays.stream(Step.values())
			.map(step -> "    %s[\"%s\"]".formatted(step.name(), step.label()))
			.collect(Collectors.joining("\n"));
		String edges = EDGES.stream()
			.map(edge -> "    %s -->|%s| %s".formatted(edge.from().name(), edge.on().label,
					edge.to() == null ? "END((end))" : edge.to().name()))
			.collect(Collectors.joining("\n"));
		return "flowchart TD\n    START((message)) --> STANDUP\n" + nodes + "\n" + edges + "\n";
	}

}

package dev.jiraai.ai;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.ai.chat.client.ChatClientRequest;
import org.springframework.ai.chat.client.ChatClientResponse;
import org.springframework.ai.chat.client.advisor.api.CallAdvisor;
import org.springframework.ai.chat.client.advisor.api.CallAdvisorChain;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.metadata.DefaultUsage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.Prompt;

/**
 * A JSON answer, valid or not at all: when the request's context carries an
 * {@link Expected} answer, the answer is checked ({@link AnswerCheck}) and an invalid one
 * gets one repair round through the rest of the chain, in which the model sees the
 * messages it was sent, its answer and what is wrong with it; invalid again, the call
 * fails with {@link AiException.OutputInvalid}. Requests without an expectation pass
 * through untouched.
 * <p>
 * Inside the conversation's memory and outside the budget: each round, the repair
 * included, is budget-checked, retried within its own time and metered on its own, while
 * the conversation keeps one turn with the valid answer. The first answer and the repair
 * are the steps {@value #FIRST_ANSWER} and {@value #REPAIR} of the expectation's
 * {@link Checkpoints}: a task run again after a crash gets a stored round back instead of
 * paying for it again.
 */
final class StructuredOutputAdvisor implements CallAdvisor {

	/** The request context key of the {@link Expected} answer. */
	static final String EXPECTED = "jira-ai.structured-output";

	/**
	 * The response context key of the valid {@link StructuredOutputs.Structured} answer.
	 */
	static final String STRUCTURED = "jira-ai.structured-output.answer";

	/**
	 * The step names of a structured answer, when it is part of a task. Tasks stored
	 * before a change resume with them: keep them, and the stored type {@link AiAnswer}.
	 */
	static final String FIRST_ANSWER = "model-answer";

	static final String REPAIR = "model-repair";

	private final AnswerCheck check;

	StructuredOutputAdvisor(AnswerCheck check) {
		this.check = check;
	}

	/**
	 * What a call expects of its answer.
	 *
	 * @param type the record the JSON answer is read into
	 * @param checkpoints where the rounds are steps ({@link Checkpoints#NONE} outside a
	 * task)
	 * @param firstAnswer the first answer when the caller already has it (it streamed it
	 * from the model), so only the check and the repair are left; {@code null} to ask for
	 * it
	 */
	record Expected<T>(Class<T> type, Checkpoints checkpoints, AiAnswer firstAnswer) {

		static <T> Expected<T> answer(Class<T> type, Checkpoints checkpoints) {
			return new Expected<>(type, checkpoints, null);
		}

		static <T> Expected<T> alreadyAnswered(Class<T> type, Checkpoints checkpoints, AiAnswer firstAnswer) {
			return new Expected<>(type, checkpoints, firstAnswer);
		}

		Map<String, Object> asContext() {
			return Map.of(EXPECTED, this);
		}

	}

	/** The valid answer of a call made with an {@link Expected} answer. */
	static <T> StructuredOutputs.Structured<T> structured(ChatClientResponse response, Expected<T> expected) {
		if (!(response.context().get(STRUCTURED) instanceof StructuredOutputs.Structured<?> structured)) {
			throw new IllegalStateException("A structured call came back without its checked answer");
		}
		return new StructuredOutputs.Structured<>(expected.type().cast(structured.value()), structured.json(),
				structured.answer(), structured.repaired());
	}

	@Override
	public ChatClientResponse adviseCall(ChatClientRequest request, CallAdvisorChain chain) {
		if (!(request.context().get(EXPECTED) instanceof Expected<?> expected)) {
			return chain.nextCall(request);
		}
		return answered(request, chain, expected);
	}

	private <T> ChatClientResponse answered(ChatClientRequest request, CallAdvisorChain chain, Expected<T> expected) {
		PromptTemplate prompt = ModelCallAdvisors.of(request).call().user();
		AiAnswer first = (expected.firstAnswer() != null) ? expected.firstAnswer()
				: expected.checkpoints().step(FIRST_ANSWER, AiAnswer.class, () -> round(request, chain));
		AnswerCheck.Checked<T> checked = this.check.check(first.text(), prompt, expected.type());
		if (checked.valid()) {
			return response(request, new StructuredOutputs.Structured<>(checked.value(), checked.json(), first, false));
		}
		ChatClientRequest repair = repair(request, first, checked.problems());
		AiAnswer second = expected.checkpoints().step(REPAIR, AiAnswer.class, () -> round(repair, chain));
		AnswerCheck.Checked<T> repaired = this.check.check(second.text(), prompt, expected.type());
		if (!repaired.valid()) {
			throw new AiException.OutputInvalid(prompt.id(), repaired.problems());
		}
		return response(request, new StructuredOutputs.Structured<>(repaired.value(), repaired.json(), second, true));
	}

	/**
	 * One round through a fresh copy of the advisors after this one (the budget, the
	 * retries, the usage), so a repair is a call of its own.
	 */
	private AiAnswer round(ChatClientRequest request, CallAdvisorChain chain) {
		ChatClientResponse response = chain.copy(this).nextCall(request);
		return ModelCallAdvisors.of(request).answer(response.chatResponse());
	}

	/**
	 * The repair round: every message the first round sent (a conversation's history
	 * included), the invalid answer and what is wrong with it, measured on its own.
	 */
	private static ChatClientRequest repair(ChatClientRequest request, AiAnswer invalid, List<String> problems) {
		List<Message> messages = new ArrayList<>(request.prompt().getInstructions());
		messages.add(new AssistantMessage(invalid.text()));
		messages.add(new UserMessage("""
				Your answer above is not valid:
				- %s

				Answer again with only the corrected JSON object, matching the schema exactly."""
			.formatted(String.join("\n- ", problems))));
		Prompt prompt = new Prompt(messages,
				(request.prompt().getOptions() == null) ? null : request.prompt().getOptions().copy());
		PreparedCall call = ModelCallAdvisors.of(request).call();
		return request.mutate().prompt(prompt).context(new ModelCallAdvisors.Attempts(call).asContext()).build();
	}

	/**
	 * The response the advisors before this one (the conversation's memory) and the
	 * caller see: the valid answer, rebuilt from what was answered or stored, with the
	 * request's context (the memory reads the conversation from it) and the structured
	 * answer.
	 */
	private static ChatClientResponse response(ChatClientRequest request, StructuredOutputs.Structured<?> valid) {
		AiAnswer answer = valid.answer();
		ChatResponse chat = new ChatResponse(List.of(new Generation(new AssistantMessage(answer.text()))),
				ChatResponseMetadata.builder()
					.model(answer.model())
					.usage(new DefaultUsage(answer.promptTokens(), answer.completionTokens()))
					.build());
		return ChatClientResponse.builder()
			.chatResponse(chat)
			.context(request.context())
			.context(STRUCTURED, valid)
			.build();
	}

	@Override
	public String getName() {
		return "structured-output";
	}

	@Override
	public int getOrder() {
		return ModelCallAdvisors.STRUCTURED_OUTPUT_ORDER;
	}

}

package dev.jiraai.ai;

import java.time.Duration;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;

import org.springframework.stereotype.Service;

/**
 * Asks the model for a JSON answer and returns it as a record, valid or not at all. The
 * call's own client does the work ({@link StructuredOutputAdvisor}): the answer is
 * checked against the prompt's JSON schema and the record's Bean Validation constraints,
 * and an invalid answer gets one repair round (the model sees its answer and what is
 * wrong with it), then {@link AiException.OutputInvalid}.
 */
@Service
public class StructuredOutputs {

	private final LlmGateway gateway;

	StructuredOutputs(LlmGateway gateway) {
		this.gateway = gateway;
	}

	/**
	 * A structured answer and the answer it was read from.
	 *
	 * @param value the validated record
	 * @param json the validated JSON
	 * @param answer the model's answer with its prompt and usage
	 * @param repaired whether the first answer was invalid and a repair round fixed it
	 */
	public record Structured<T>(T value, JsonNode json, AiAnswer answer, boolean repaired) {
	}

	/**
	 * Asks for a JSON answer of the call's user prompt and reads it into {@code type}.
	 * @throws AiException.OutputInvalid when the answer is invalid twice
	 */
	public <T> Structured<T> call(AiCall call, Class<T> type) {
		return call(call, type, Checkpoints.NONE);
	}

	/**
	 * The same, with the first answer and the repair as checkpointed steps: a task run
	 * again after a crash during the repair does not ask for the first answer again.
	 */
	public <T> Structured<T> call(AiCall call, Class<T> type, Checkpoints checkpoints) {
		return call(this.gateway.prepare(call), type, checkpoints);
	}

	/** The same for a prepared call: nothing is looked up again. */
	public <T> Structured<T> call(PreparedCall call, Class<T> type, Checkpoints checkpoints) {
		expectJson(call);
		return answered(call, StructuredOutputAdvisor.Expected.answer(type, checkpoints));
	}

	/**
	 * Like {@link #call}, streaming the answer's text to {@code onPiece} as the model
	 * writes it; the complete text is validated (and repaired once, without streaming)
	 * only when the stream finished.
	 * @throws AiException.Incomplete when the stream was cut (nothing of it is used)
	 */
	public <T> Structured<T> stream(AiCall call, Class<T> type, Consumer<String> onPiece) {
		return stream(call, type, onPiece, Checkpoints.NONE);
	}

	/** The same, with the streamed answer and the repair as checkpointed steps. */
	public <T> Structured<T> stream(AiCall call, Class<T> type, Consumer<String> onPiece, Checkpoints checkpoints) {
		return stream(this.gateway.prepare(call), type, onPiece, checkpoints);
	}

	/**
	 * The same for a prepared call: nothing is looked up again. The first answer is read
	 * from the stream itself (Spring AI's streaming holds chunks back) and is the step
	 * the advisor's first round would be; the advisor only checks it and makes the
	 * repair.
	 */
	public <T> Structured<T> stream(PreparedCall call, Class<T> type, Consumer<String> onPiece,
			Checkpoints checkpoints) {
		expectJson(call);
		AiAnswer first = checkpoints.step(StructuredOutputAdvisor.FIRST_ANSWER, AiAnswer.class,
				() -> streamed(call, onPiece));
		return answered(call, StructuredOutputAdvisor.Expected.alreadyAnswered(type, checkpoints, first));
	}

	private <T> Structured<T> answered(PreparedCall call, StructuredOutputAdvisor.Expected<T> expected) {
		return StructuredOutputAdvisor.structured(this.gateway.send(call, expected), expected);
	}

	private static void expectJson(PreparedCall call) {
		PromptTemplate prompt = call.user();
		if (!prompt.expectsJson()) {
			throw new PromptException("Prompt '%s' does not answer JSON".formatted(prompt.id()));
		}
	}

	private AiAnswer streamed(PreparedCall call, Consumer<String> onPiece) {
		PromptTemplate prompt = call.user();
		StringBuilder text = new StringBuilder();
		long started = System.nanoTime();
		try {
			this.gateway.stream(call).doOnNext(piece -> {
				text.append(piece);
				onPiece.accept(piece);
			}).blockLast();
		}
		catch (RuntimeException ex) {
			Throwable cause = (ex.getCause() instanceof AiException ai) ? ai : ex;
			if (cause instanceof AiException ai) {
				throw ai;
			}
			throw ex;
		}
		return new AiAnswer(text.toString(), call.modelName(), prompt.id(), prompt.version(), prompt.contentHash(), 0,
				0, Duration.ofNanos(System.nanoTime() - started), call.masked());
	}

}

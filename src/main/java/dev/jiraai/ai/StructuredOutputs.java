package dev.jiraai.ai;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.stereotype.Service;

/**
 * Asks the model for a JSON answer and returns it as a record, valid or not at all: the
 * answer is checked against the prompt's JSON schema and the record's Bean Validation
 * constraints; an invalid answer gets one repair round (the model sees its answer and
 * what is wrong with it), then {@link AiException.OutputInvalid}.
 */
@Service
public class StructuredOutputs {

	private static final ObjectMapper json = new ObjectMapper()
		.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

	/** The step names of a structured answer, when it is part of a task. */
	static final String FIRST_ANSWER = "model-answer";

	static final String REPAIR = "model-repair";

	private final LlmGateway gateway;

	private final Validator validator;

	private final Cache<String, Schema> schemas = Caffeine.newBuilder().maximumSize(500).build();

	StructuredOutputs(LlmGateway gateway, Validator validator) {
		this.gateway = gateway;
		this.validator = validator;
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
		PromptTemplate prompt = json(call);
		AiAnswer first = checkpoints.step(FIRST_ANSWER, AiAnswer.class, () -> this.gateway.call(call));
		return checked(call, prompt, type, first, checkpoints);
	}

	private static PromptTemplate json(PreparedCall call) {
		PromptTemplate prompt = call.user();
		if (!prompt.expectsJson()) {
			throw new PromptException("Prompt '%s' does not answer JSON".formatted(prompt.id()));
		}
		return prompt;
	}

	private <T> Structured<T> checked(PreparedCall call, PromptTemplate prompt, Class<T> type, AiAnswer first,
			Checkpoints checkpoints) {
		Checked<T> checked = check(first.text(), prompt, type);
		if (checked.problems().isEmpty()) {
			return new Structured<>(checked.value(), checked.json(), first, false);
		}
		return repair(call, prompt, type, first, checked, checkpoints);
	}

	/**
	 * Like {@link #call}, streaming the answer's text to {@code onPiece} as the model
	 * writes it; the complete text is validated (and repaired once, without streaming)
	 * only when the stream finished.
	 * @throws AiException.Incomplete when the stream was cut (nothing of it is used)
	 */
	public <T> Structured<T> stream(AiCall call, Class<T> type, java.util.function.Consumer<String> onPiece) {
		return stream(call, type, onPiece, Checkpoints.NONE);
	}

	/** The same, with the streamed answer and the repair as checkpointed steps. */
	public <T> Structured<T> stream(AiCall call, Class<T> type, java.util.function.Consumer<String> onPiece,
			Checkpoints checkpoints) {
		return stream(this.gateway.prepare(call), type, onPiece, checkpoints);
	}

	/** The same for a prepared call: nothing is looked up again. */
	public <T> Structured<T> stream(PreparedCall call, Class<T> type, java.util.function.Consumer<String> onPiece,
			Checkpoints checkpoints) {
		PromptTemplate prompt = call.user();
		AiAnswer first = checkpoints.step(FIRST_ANSWER, AiAnswer.class, () -> streamed(call, onPiece));
		return checked(call, prompt, type, first, checkpoints);
	}

	private AiAnswer streamed(PreparedCall call, java.util.function.Consumer<String> onPiece) {
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
				0, java.time.Duration.ofNanos(System.nanoTime() - started), call.masked());
	}

	private <T> Structured<T> repair(PreparedCall call, PromptTemplate prompt, Class<T> type, AiAnswer first,
			Checked<T> checked, Checkpoints checkpoints) {
		AiAnswer second = checkpoints.step(REPAIR, AiAnswer.class,
				() -> this.gateway.call(call, List.of(new AssistantMessage(first.text()), new UserMessage("""
						Your answer above is not valid:
						- %s

						Answer again with only the corrected JSON object, matching the schema exactly."""
					.formatted(String.join("\n- ", checked.problems()))))));
		Checked<T> repaired = check(second.text(), prompt, type);
		if (!repaired.problems().isEmpty()) {
			throw new AiException.OutputInvalid(prompt.id(), repaired.problems());
		}
		return new Structured<>(repaired.value(), repaired.json(), second, true);
	}

	<T> Checked<T> check(String text, PromptTemplate prompt, Class<T> type) {
		JsonNode node;
		try {
			node = json.readTree(jsonPart(text));
		}
		catch (JsonProcessingException ex) {
			return Checked.invalid("the answer is not JSON: " + ex.getOriginalMessage());
		}
		if (node == null || !node.isObject()) {
			return Checked.invalid("the answer is not a JSON object");
		}
		List<String> problems = new ArrayList<>();
		schema(prompt).validate(node).forEach(error -> problems.add(error.toString()));
		if (!problems.isEmpty()) {
			return new Checked<>(null, node, problems);
		}
		T value;
		try {
			value = json.treeToValue(node, type);
		}
		catch (JsonProcessingException ex) {
			return Checked.invalid("the answer does not fit: " + ex.getOriginalMessage());
		}
		Set<ConstraintViolation<T>> violations = this.validator.validate(value);
		violations.forEach(v -> problems.add("%s %s".formatted(v.getPropertyPath(), v.getMessage())));
		return new Checked<>(problems.isEmpty() ? value : null, node, problems);
	}

	/** Models sometimes wrap JSON in a Markdown fence or add a sentence around it. */
	static String jsonPart(String text) {
		String trimmed = text.strip();
		int start = trimmed.indexOf('{');
		int end = trimmed.lastIndexOf('}');
		return (start >= 0 && end > start) ? trimmed.substring(start, end + 1) : trimmed;
	}

	private Schema schema(PromptTemplate prompt) {
		return this.schemas.get(prompt.contentHash(), key -> {
			SchemaRegistryConfig config = SchemaRegistryConfig.builder()
				.formatAssertionsEnabled(true)
				.pathType(PathType.JSON_PATH)
				.build();
			SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
					builder -> builder.schemaRegistryConfig(config)
						.schemaLoader(loader -> loader.fetchRemoteResources(false).allow(iri -> false)));
			Schema schema = registry.getSchema(SchemaLocation.of("urn:prompt:" + prompt.id()),
					(JsonNode) prompt.outputSchema());
			schema.initializeValidators();
			return schema;
		});
	}

	record Checked<T>(T value, JsonNode json, List<String> problems) {

		static <T> Checked<T> invalid(String problem) {
			return new Checked<>(null, null, List.of(problem));
		}

	}

}

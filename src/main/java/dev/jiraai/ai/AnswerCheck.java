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

/**
 * Checks a model's JSON answer against its prompt's JSON schema (networknt, draft
 * 2020-12) and its record's Bean Validation constraints, and says what is wrong in words
 * the model can act on in a repair round.
 */
final class AnswerCheck {

	private static final ObjectMapper json = new ObjectMapper()
		.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

	private final Validator validator;

	/** Keyed by the prompt's content hash: a site override has its own. */
	private final Cache<String, Schema> schemas = Caffeine.newBuilder().maximumSize(500).build();

	AnswerCheck(Validator validator) {
		this.validator = validator;
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

	/**
	 * What the check found.
	 *
	 * @param value the record, or {@code null} unless the answer is valid
	 * @param json the answer's JSON object, or {@code null} when it is not one
	 * @param problems what is wrong, empty when the answer is valid
	 */
	record Checked<T>(T value, JsonNode json, List<String> problems) {

		static <T> Checked<T> invalid(String problem) {
			return new Checked<>(null, null, List.of(problem));
		}

		boolean valid() {
			return this.problems.isEmpty();
		}

	}

}

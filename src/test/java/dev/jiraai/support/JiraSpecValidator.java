package dev.jiraai.support;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.jiraai.contracts.ContractSchemas;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;

/**
 * Checks a request, and the simulator's own answer to it, against Atlassian's official
 * Jira Cloud platform REST v3 OpenAPI spec
 * ({@code src/test/resources/contracts/jira-platform-openapi.json}). Loaded once per JVM:
 * the spec is 2.4 MB.
 * <p>
 * Answers are held to the spec with three documented exceptions where Jira's real wire
 * format and its spec disagree and the simulator follows Jira: error bodies
 * ({@code ErrorCollection}) on error statuses the spec declares without content, no body
 * on responses whose declared schema is empty (any value; a 204 cannot carry one), and
 * date-times in Jira's {@code 2026-11-02T09:15:00.000+0000} form, which the spec's
 * {@code date-time} (RFC 3339) does not allow.
 */
final class JiraSpecValidator {

	/**
	 * Prefix of the violations found in the simulator's answers rather than in the app's
	 * requests.
	 */
	static final String SIMULATOR = "SIMULATOR: ";

	private static final Pattern JIRA_DATE_TIME = Pattern
		.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}[+-]\\d{4}");

	private static volatile OpenApiInteractionValidator validator;

	private JiraSpecValidator() {
	}

	static Path specFile() {
		return ContractSchemas.file("jira-platform-openapi.json");
	}

	private static OpenApiInteractionValidator validator() {
		if (validator == null) {
			synchronized (JiraSpecValidator.class) {
				if (validator == null) {
					validator = OpenApiInteractionValidator.createForSpecificationUrl(specFile().toUri().toString())
						// Authentication is the simulator's own job (Connect JWT, OAuth
						// bearer); the spec
						// only lists basic auth and OAuth 2.0 (3LO) schemes.
						.withLevelResolver(LevelResolver.create()
							.withLevel("validation.request.security", ValidationReport.Level.IGNORE)
							.build())
						.build();
				}
			}
		}
		return validator;
	}

	/**
	 * The spec violations of one request, as readable messages.
	 * @param method the HTTP method
	 * @param path the path without query
	 * @param query the decoded query parameters
	 * @param contentType the request content type, or {@code null}
	 * @param body the request body, or {@code null}
	 */
	static List<String> violations(String method, String path, Map<String, List<String>> query, String contentType,
			String body) {
		SimpleRequest.Builder request = new SimpleRequest.Builder(Request.Method.valueOf(method.toUpperCase()), path);
		query.forEach(request::withQueryParam);
		if (contentType != null) {
			request.withContentType(contentType);
		}
		if (body != null && !body.isEmpty()) {
			request.withBody(body);
		}
		ValidationReport report = validator().validateRequest(request.build());
		return report.getMessages()
			.stream()
			.filter(message -> message.getLevel() == ValidationReport.Level.ERROR)
			.map(message -> "%s %s: %s".formatted(method, path, message.getMessage()))
			.toList();
	}

	/**
	 * The spec violations of one of the simulator's answers, each prefixed
	 * {@value #SIMULATOR}.
	 * @param method the HTTP method of the request
	 * @param path the path of the request, without query
	 * @param status the status answered
	 * @param contentType the content type answered, or {@code null} without a body
	 * @param body the body answered, or {@code null}
	 */
	static List<String> responseViolations(String method, String path, int status, String contentType, String body) {
		SimpleResponse.Builder response = new SimpleResponse.Builder(status);
		if (contentType != null) {
			response.withContentType(contentType);
		}
		if (body != null && !body.isEmpty()) {
			response.withBody(body);
		}
		ValidationReport report = validator().validateResponse(path, Request.Method.valueOf(method.toUpperCase()),
				response.build());
		List<String> violations = new ArrayList<>();
		for (ValidationReport.Message message : report.getMessages()) {
			if (message.getLevel() != ValidationReport.Level.ERROR || jiraWireFormat(message, status, body)) {
				continue;
			}
			String at = message.getContext()
				.flatMap(ValidationReport.MessageContext::getPointers)
				.map(pointers -> " (at " + pointers.getInstance() + ")")
				.orElse("");
			violations.add("%s%s %s %d: %s%s".formatted(SIMULATOR, method, path, status, message.getMessage(), at));
		}
		if (status >= 400 && body != null && !body.isEmpty() && errorCollectionProblem(body) != null) {
			violations.add("%s%s %s %d: %s".formatted(SIMULATOR, method, path, status, errorCollectionProblem(body)));
		}
		return violations;
	}

	/**
	 * Whether a finding is one of the documented places where the simulator follows Jira
	 * rather than its spec.
	 */
	private static boolean jiraWireFormat(ValidationReport.Message message, int status, String body) {
		switch (message.getKey()) {
			case "validation.response.body.unexpected" -> {
				// Jira answers errors with an ErrorCollection even where the spec
				// declares no content; the body
				// is checked against ErrorCollection separately.
				return status >= 400;
			}
			case "validation.response.body.missing" -> {
				return status == 204 || declaresOnlyEmptySchemas(message);
			}
			case "validation.response.body.schema.format.date-time" -> {
				String value = valueAt(body, message);
				return value != null && JIRA_DATE_TIME.matcher(value).matches();
			}
			default -> {
				return false;
			}
		}
	}

	private static boolean declaresOnlyEmptySchemas(ValidationReport.Message message) {
		ApiResponse declared = message.getContext()
			.flatMap(ValidationReport.MessageContext::getApiResponseDefinition)
			.orElse(null);
		if (declared == null || declared.getContent() == null) {
			return false;
		}
		for (MediaType mediaType : declared.getContent().values()) {
			Schema<?> schema = mediaType.getSchema();
			if (schema != null && (schema.getType() != null || schema.get$ref() != null
					|| schema.getProperties() != null || schema.getItems() != null || schema.getAllOf() != null)) {
				return false;
			}
		}
		return true;
	}

	private static String valueAt(String body, ValidationReport.Message message) {
		String pointer = message.getContext()
			.flatMap(ValidationReport.MessageContext::getPointers)
			.map(ValidationReport.MessageContext.Pointers::getInstance)
			.orElse(null);
		if (pointer == null || body == null) {
			return null;
		}
		try {
			JsonNode value = SiteData.json.readTree(body).at(pointer);
			return value.isTextual() ? value.asText() : null;
		}
		catch (JsonProcessingException | IllegalArgumentException ex) {
			return null;
		}
	}

	/**
	 * Why an error body is not an ErrorCollection ({@code errorMessages}: strings,
	 * {@code errors}: strings by field, optional {@code status}, nothing else), or
	 * {@code null} when it is one.
	 */
	static String errorCollectionProblem(String body) {
		JsonNode json;
		try {
			json = SiteData.json.readTree(body);
		}
		catch (JsonProcessingException ex) {
			return "error body is not JSON: " + ex.getOriginalMessage();
		}
		if (!json.isObject()) {
			return "error body is not an ErrorCollection object";
		}
		List<String> problems = new ArrayList<>();
		json.fieldNames().forEachRemaining(name -> {
			if (!List.of("errorMessages", "errors", "status").contains(name)) {
				problems.add("property '%s' is not defined in ErrorCollection".formatted(name));
			}
		});
		JsonNode messages = json.path("errorMessages");
		if (!messages.isMissingNode() && (!messages.isArray() || !allTextual(messages))) {
			problems.add("ErrorCollection.errorMessages must be an array of strings");
		}
		JsonNode errors = json.path("errors");
		if (!errors.isMissingNode() && (!errors.isObject() || !allTextual(errors))) {
			problems.add("ErrorCollection.errors must map field names to strings");
		}
		if (!json.path("status").isMissingNode() && !json.path("status").isInt()) {
			problems.add("ErrorCollection.status must be an integer");
		}
		return problems.isEmpty() ? null : String.join("; ", problems);
	}

	private static boolean allTextual(JsonNode container) {
		for (JsonNode item : container) {
			if (!item.isTextual()) {
				return false;
			}
		}
		return true;
	}

}

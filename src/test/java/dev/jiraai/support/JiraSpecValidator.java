package dev.jiraai.support;

import java.nio.file.Path;
import java.util.List;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import dev.jiraai.contracts.ContractSchemas;

/**
 * Checks a request against Atlassian's official Jira Cloud platform REST v3 OpenAPI spec
 * ({@code ../shared/contracts/jira-platform-openapi.json}). Loaded once per JVM: the spec is 2.4 MB.
 */
final class JiraSpecValidator {

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
						// Authentication is the simulator's own job (Connect JWT, OAuth bearer); the spec
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
	static List<String> violations(String method, String path, java.util.Map<String, List<String>> query,
			String contentType, String body) {
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

}

package dev.jiraai.web;

import java.net.URI;
import java.time.Duration;

import dev.jiraai.ai.AiException;
import dev.jiraai.ai.PromptException;
import dev.jiraai.jira.IssueNotCreatable;
import dev.jiraai.jira.JiraException;
import dev.jiraai.jira.TransitionNotPossible;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Maps the app's failures to RFC 9457 problem details with a stable {@code type}, a status that tells the frontend
 * what happened, and a detail that says what to do next. Narrow on purpose: an unexpected exception stays a 500.
 */
@RestControllerAdvice
class ProblemDetails extends ResponseEntityExceptionHandler {

	private static final Logger logger = LoggerFactory.getLogger(ProblemDetails.class);

	private static final String TYPES = "https://jira-ai.dev/problems/";

	@ExceptionHandler(AiException.class)
	ResponseEntity<ProblemDetail> ai(AiException ex) {
		return switch (ex) {
			case AiException.NotConfigured e -> problem(HttpStatus.SERVICE_UNAVAILABLE, "ai-not-configured",
					"AI is not set up", e.getMessage(), null);
			case AiException.BudgetExceeded e -> problem(HttpStatus.TOO_MANY_REQUESTS, "ai-budget-exceeded",
					"Daily AI budget spent", e.getMessage(), e.retryAfter());
			case AiException.RateLimited e -> problem(HttpStatus.SERVICE_UNAVAILABLE, "ai-rate-limited",
					"The AI provider is busy", e.getMessage(), e.retryAfter());
			case AiException.QuotaExhausted e -> problem(HttpStatus.SERVICE_UNAVAILABLE, "ai-quota-exhausted",
					"The AI provider account is out of quota", e.getMessage(), null);
			case AiException.Rejected e -> problem(HttpStatus.BAD_GATEWAY, "ai-rejected",
					"The AI provider refused the request", e.getMessage() + ". A Jira admin can check the endpoint, "
							+ "model and key in AI Assistant settings.", null);
			case AiException.Unavailable e -> problem(HttpStatus.BAD_GATEWAY, "ai-unavailable",
					"The AI provider is unavailable", e.getMessage() + ". Try again in a moment.", null);
			case AiException.TimedOut e -> problem(HttpStatus.GATEWAY_TIMEOUT, "ai-timeout", "The AI took too long",
					e.getMessage() + ". Try again; shorter input helps.", null);
			case AiException.OutputInvalid e -> problem(HttpStatus.BAD_GATEWAY, "ai-output-invalid",
					"The AI answer was not usable", e.getMessage(), null);
			case AiException.Incomplete e -> problem(HttpStatus.BAD_GATEWAY, "ai-incomplete",
					"The AI answer was cut off", e.getMessage() + ". Nothing was changed; try again.", null);
		};
	}

	@ExceptionHandler(JiraException.class)
	ResponseEntity<ProblemDetail> jira(JiraException ex) {
		return switch (ex) {
			case JiraException.NotFound e -> problem(HttpStatus.NOT_FOUND, "jira-not-found", "Not found in Jira",
					e.getMessage(), null);
			case JiraException.Forbidden e -> problem(HttpStatus.FORBIDDEN, "jira-forbidden",
					"Jira does not allow this", e.getMessage(), null);
			case JiraException.Unauthorized e -> problem(HttpStatus.BAD_GATEWAY, "jira-unauthorized",
					"Jira did not accept the app", e.getMessage() + ". A Jira admin may need to reinstall the app.",
					null);
			case JiraException.Rejected e -> problem(HttpStatus.UNPROCESSABLE_ENTITY, "jira-rejected",
					"Jira refused the change", e.getMessage(), null);
			case JiraException.RateLimited e -> problem(HttpStatus.SERVICE_UNAVAILABLE, "jira-rate-limited",
					"Jira is busy", e.getMessage(), e.retryAfter());
			case JiraException.Unavailable e -> problem(HttpStatus.BAD_GATEWAY, "jira-unavailable",
					"Jira is unavailable", e.getMessage() + ". Try again in a moment.", null);
		};
	}

	@ExceptionHandler(IssueNotCreatable.class)
	ResponseEntity<ProblemDetail> notCreatable(IssueNotCreatable ex) {
		ResponseEntity<ProblemDetail> response = problem(HttpStatus.UNPROCESSABLE_ENTITY, "issue-not-creatable",
				"Some fields need attention", ex.getMessage(), null);
		response.getBody().setProperty("problems", ex.problems());
		return response;
	}

	@ExceptionHandler(TransitionNotPossible.class)
	ResponseEntity<ProblemDetail> transition(TransitionNotPossible ex) {
		ResponseEntity<ProblemDetail> response = problem(HttpStatus.UNPROCESSABLE_ENTITY, "transition-not-possible",
				"The transition needs more", ex.getMessage(), null);
		response.getBody().setProperty("missingFields", ex.missingFields());
		response.getBody().setProperty("availableTransitions", ex.availableTransitions());
		return response;
	}

	@ExceptionHandler(PromptException.class)
	ResponseEntity<ProblemDetail> prompt(PromptException ex) {
		logger.error("Prompt failure", ex);
		return problem(HttpStatus.INTERNAL_SERVER_ERROR, "prompt-error", "A prompt could not be used",
				ex.getMessage(), null);
	}

	@ExceptionHandler(IllegalArgumentException.class)
	ResponseEntity<ProblemDetail> badInput(IllegalArgumentException ex) {
		return problem(HttpStatus.BAD_REQUEST, "bad-request", "The request is not valid", ex.getMessage(), null);
	}

	static ResponseEntity<ProblemDetail> problem(HttpStatus status, String type, String title, String detail,
			Duration retryAfter) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(URI.create(TYPES + type));
		problem.setTitle(title);
		ResponseEntity.BodyBuilder builder = ResponseEntity.status(status);
		if (retryAfter != null) {
			builder.header(HttpHeaders.RETRY_AFTER, String.valueOf(Math.max(1, retryAfter.toSeconds())));
			problem.setProperty("retryAfterSeconds", Math.max(1, retryAfter.toSeconds()));
		}
		return builder.body(problem);
	}

}

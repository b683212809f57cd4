package dev.jiraai.web;

import java.net.URI;
import java.time.Duration;

import dev.jiraai.ai.AiException;
import dev.jiraai.ai.PromptException;
import dev.jiraai.confirm.InvalidProposalPayload;
import dev.jiraai.confirm.ProposalException;
import dev.jiraai.jira.InvalidKey;
import dev.jiraai.jira.IssueNotCreatable;
import dev.jiraai.jira.JiraException;
import dev.jiraai.jira.NotVisible;
import dev.jiraai.jira.TransitionNotPossible;
import dev.jiraai.problem.DescribedProblem;
import dev.jiraai.problem.ProblemType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.server.ResponseStatusException;

/**
 * The app's failures as RFC 9457 problem details: a stable {@code type}, a status that
 * tells the frontend what happened, and a detail that says what to do next. Used by the
 * controller advice, the error page and, through {@link ProblemCatalogue}, by streams and
 * tasks, which report failures as an {@code error} event or a stored problem instead of a
 * status.
 */
public final class Problems {

	private static final Logger logger = LoggerFactory.getLogger(Problems.class);

	private static final String TYPES = "https://jira-ai.dev/problems/";

	private Problems() {
	}

	/**
	 * The problem for a failure; an unknown failure (an {@code IllegalArgumentException}
	 * included: the app's own input errors have their own types) is a 500 that says to
	 * try again, its cause logged and never shown.
	 */
	public static ResponseEntity<ProblemDetail> of(Throwable ex) {
		return switch (ex) {
			case AiException ai -> ai(ai);
			case JiraException jira -> jira(jira);
			case NotVisible e -> problem(HttpStatus.FORBIDDEN, "not-visible", "You cannot see this in Jira",
					e.getMessage() + ". Check the key, or ask a Jira admin for browse permission.", null);
			case InvalidKey e -> problem(HttpStatus.BAD_REQUEST, "bad-request", "The request is not valid",
					e.getMessage() + ". Use the key Jira shows for it.", null);
			case InvalidProposalPayload e -> problem(HttpStatus.BAD_REQUEST, "invalid-proposal",
					"The proposal is not valid", e.getMessage() + ". Fix it and save again.", null);
			case IssueNotCreatable e -> {
				ResponseEntity<ProblemDetail> response = problem(HttpStatus.UNPROCESSABLE_ENTITY, "issue-not-creatable",
						"Some fields need attention", e.getMessage(), null);
				response.getBody().setProperty("problems", e.problems());
				yield response;
			}
			case TransitionNotPossible e -> {
				ResponseEntity<ProblemDetail> response = problem(HttpStatus.UNPROCESSABLE_ENTITY,
						"transition-not-possible", "The transition needs more", e.getMessage(), null);
				response.getBody().setProperty("missingFields", e.missingFields());
				response.getBody().setProperty("availableTransitions", e.availableTransitions());
				yield response;
			}
			case ProposalException e when e.notFound() ->
				problem(HttpStatus.NOT_FOUND, "proposal-not-found", "No such proposal", e.getMessage(), null);
			case ProposalException e when e.checkUrl() != null -> {
				ResponseEntity<ProblemDetail> response = problem(HttpStatus.CONFLICT, "proposal-outcome-unknown",
						"Jira may have done it already", e.getMessage(), null);
				response.getBody().setProperty("checkUrl", e.checkUrl().toString());
				yield response;
			}
			case ProposalException e -> problem(HttpStatus.CONFLICT, "proposal-not-pending",
					"The proposal can no longer be confirmed", e.getMessage(), null);
			case PromptException e -> {
				logger.error("Prompt failure", e);
				yield problem(HttpStatus.INTERNAL_SERVER_ERROR, "prompt-error", "A prompt could not be used",
						e.getMessage(), null);
			}
			case ResponseStatusException e -> forStatus(e.getStatusCode(), e.getReason());
			case DescribedProblem e -> {
				ProblemType type = e.problemType();
				yield problem(type.status(), type.type(), type.title(), ex.getMessage() + ". " + type.nextStep(),
						type.retryAfter());
			}
			default -> {
				logger.error("Unexpected failure", ex);
				yield forStatus(HttpStatus.INTERNAL_SERVER_ERROR, null);
			}
		};
	}

	private static ResponseEntity<ProblemDetail> ai(AiException ex) {
		return switch (ex) {
			case AiException.NotConfigured e ->
				problem(HttpStatus.SERVICE_UNAVAILABLE, "ai-not-configured", "AI is not set up", e.getMessage(), null);
			case AiException.BudgetExceeded e -> problem(HttpStatus.TOO_MANY_REQUESTS, "ai-budget-exceeded",
					"Daily AI budget spent", e.getMessage(), e.retryAfter());
			case AiException.RateLimited e -> problem(HttpStatus.SERVICE_UNAVAILABLE, "ai-rate-limited",
					"The AI provider is busy", e.getMessage(), e.retryAfter());
			case AiException.QuotaExhausted e -> problem(HttpStatus.SERVICE_UNAVAILABLE, "ai-quota-exhausted",
					"The AI provider account is out of quota", e.getMessage(), null);
			case AiException.Rejected e -> problem(
					HttpStatus.BAD_GATEWAY, "ai-rejected", "The AI provider refused the request", e.getMessage()
							+ ". A Jira admin can check the endpoint, " + "model and key in AI Assistant settings.",
					null);
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

	private static ResponseEntity<ProblemDetail> jira(JiraException ex) {
		return switch (ex) {
			case JiraException.NotFound e ->
				problem(HttpStatus.NOT_FOUND, "jira-not-found", "Not found in Jira", e.getMessage(), null);
			case JiraException.Forbidden e ->
				problem(HttpStatus.FORBIDDEN, "jira-forbidden", "Jira does not allow this", e.getMessage(), null);
			case JiraException.Unauthorized e ->
				problem(HttpStatus.BAD_GATEWAY, "jira-unauthorized", "Jira did not accept the app",
						e.getMessage() + ". A Jira admin may need to reinstall the app.", null);
			case JiraException.Rejected e -> problem(HttpStatus.UNPROCESSABLE_ENTITY, "jira-rejected",
					"Jira refused the change", e.getMessage(), null);
			case JiraException.RateLimited e -> problem(HttpStatus.SERVICE_UNAVAILABLE, "jira-rate-limited",
					"Jira is busy", e.getMessage(), e.retryAfter());
			case JiraException.Unavailable e -> problem(HttpStatus.BAD_GATEWAY, "jira-unavailable",
					"Jira is unavailable", e.getMessage() + ". Try again in a moment.", null);
			case JiraException.UserAuthorizationUnavailable e -> problem(HttpStatus.SERVICE_UNAVAILABLE,
					"jira-user-authorization-unavailable", "Jira cannot be reached as you right now",
					e.getMessage() + ". Nothing was done. Try again in a few minutes; if it keeps happening, "
							+ "a Jira admin can check the app's status in Manage apps.",
					Duration.ofSeconds(30));
			case JiraException.OutcomeUnknown e -> {
				ResponseEntity<ProblemDetail> response = problem(HttpStatus.BAD_GATEWAY, "jira-outcome-unknown",
						"Jira may have done it already",
						e.getMessage() + ". Check %s before trying again.".formatted(e.checkUrl()), null);
				response.getBody().setProperty("checkUrl", e.checkUrl().toString());
				yield response;
			}
		};
	}

	/**
	 * The generic problem of an HTTP status, for failures with no type of their own (the
	 * error page, {@code ResponseStatusException}s): a detail the app wrote replaces the
	 * generic one; a 5xx never shows one.
	 */
	public static ResponseEntity<ProblemDetail> forStatus(HttpStatusCode status, String detail) {
		HttpStatus known = HttpStatus.resolve(status.value());
		Generic generic = Generic.of(known == null ? HttpStatus.INTERNAL_SERVER_ERROR : known);
		boolean own = detail != null && !detail.isBlank() && !status.is5xxServerError();
		return problem(known == null ? HttpStatus.INTERNAL_SERVER_ERROR : known, generic.type(), generic.title(),
				own ? detail : generic.detail(), null);
	}

	/** A problem with one of the catalogue's types (docs/api.md lists them all). */
	public static ResponseEntity<ProblemDetail> problem(HttpStatus status, String type, String title, String detail,
			Duration retryAfter) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(URI.create(TYPES + type));
		problem.setTitle(title);
		// Set, not negotiated: a request that asked for a stream (text/event-stream) but
		// failed before it began still gets the problem, not a 406.
		ResponseEntity.BodyBuilder builder = ResponseEntity.status(status)
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
		if (retryAfter != null) {
			long seconds = Math.max(1, retryAfter.toSeconds());
			builder.header(HttpHeaders.RETRY_AFTER, String.valueOf(seconds));
			problem.setProperty("retryAfterSeconds", seconds);
		}
		return builder.body(problem);
	}

	/** The type, title and next step of a status with nothing more specific to say. */
	private record Generic(String type, String title, String detail) {

		static Generic of(HttpStatus status) {
			return switch (status) {
				case BAD_REQUEST -> new Generic("bad-request", "The request is not valid",
						"Check the request against the API description at /v3/api-docs.");
				case UNAUTHORIZED -> new Generic("unauthenticated", "Not authenticated",
						"Sign the request with a Connect JWT or a Forge Invocation Token; reloading the page in Jira "
								+ "gets a fresh one.");
				case FORBIDDEN -> new Generic("forbidden", "Not allowed",
						"This is not open to you; ask a Jira admin if you need it.");
				case NOT_FOUND ->
					new Generic("not-found", "Nothing here", "Check the URL; the API is described at /v3/api-docs.");
				case METHOD_NOT_ALLOWED -> new Generic("method-not-allowed", "Method not allowed",
						"Use one of the methods in the Allow header.");
				case NOT_ACCEPTABLE -> new Generic("not-acceptable", "No acceptable answer",
						"Accept application/json (or text/event-stream where the API offers a stream).");
				case CONFLICT -> new Generic("conflict", "Conflict", "Reload and try again.");
				case PAYLOAD_TOO_LARGE ->
					new Generic("request-too-large", "The request is too large", "Send a smaller body.");
				case UNSUPPORTED_MEDIA_TYPE -> new Generic("unsupported-media-type", "Unsupported content type",
						"Send the body as application/json.");
				case TOO_MANY_REQUESTS ->
					new Generic("too-many-requests", "Too many requests", "Wait a moment and try again.");
				case SERVICE_UNAVAILABLE ->
					new Generic("unavailable", "Temporarily unavailable", "Try again in a moment.");
				default -> status.is4xxClientError()
						? new Generic("bad-request", "The request is not valid",
								"Check the request against the API description at /v3/api-docs.")
						: new Generic("internal", "Something went wrong",
								"An unexpected error occurred; try again. If it keeps happening, tell your Jira admin.");
			};
		}

	}

}

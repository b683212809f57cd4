package dev.jiraai.web;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.jiraai.jira.InvalidKey;
import dev.jiraai.problem.FieldPath;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * The problems of requests Spring MVC refuses before a controller runs, in the app's
 * catalogue: each names what to change in the request, in the request's own terms (field
 * and parameter names, accepted values), never a Java type or a parser's message.
 */
final class RequestProblems {

	private static final Logger logger = LoggerFactory.getLogger(RequestProblems.class);

	private RequestProblems() {
	}

	static ResponseEntity<ProblemDetail> of(Exception ex, HttpStatusCode status) {
		return switch (ex) {
			case HttpMessageNotReadableException e -> unreadable(e);
			case MethodArgumentNotValidException e -> invalid(e.getFieldErrors()
				.stream()
				.map(error -> new FieldProblem(error.getField(), error.getDefaultMessage()))
				.toList());
			case HandlerMethodValidationException e -> invalid(e.getParameterValidationResults()
				.stream()
				.flatMap(result -> result.getResolvableErrors()
					.stream()
					.map(error -> new FieldProblem(
							error instanceof FieldError field ? field.getField()
									: String.valueOf(result.getMethodParameter().getParameterName()),
							error.getDefaultMessage())))
				.toList());
			case TypeMismatchException e when invalidKey(e).isPresent() -> Problems.of(invalidKey(e).get());
			case TypeMismatchException e ->
				Problems.problem(HttpStatus.BAD_REQUEST, "bad-request", "The request is not valid",
						"'%s' must be %s.".formatted(name(e), expected(e.getRequiredType())), null);
			case MissingServletRequestParameterException e ->
				Problems.problem(HttpStatus.BAD_REQUEST, "missing-parameter", "A parameter is missing",
						"Add the query parameter '%s'.".formatted(e.getParameterName()), null);
			case MissingRequestHeaderException e -> Problems.problem(HttpStatus.BAD_REQUEST, "missing-parameter",
					"A parameter is missing", "Add the header '%s'.".formatted(e.getHeaderName()), null);
			case HttpRequestMethodNotSupportedException e ->
				Problems.problem(HttpStatus.METHOD_NOT_ALLOWED, "method-not-allowed", "Method not allowed",
						"%s is not offered here; use %s.".formatted(e.getMethod(), e.getSupportedHttpMethods() == null
								? "another method" : join(e.getSupportedHttpMethods().stream().map(Object::toString))),
						null);
			case HttpMediaTypeNotSupportedException e -> Problems.problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
					"unsupported-media-type", "Unsupported content type",
					"Send the body as %s.".formatted(mediaTypes(e.getSupportedMediaTypes())), null);
			case HttpMediaTypeNotAcceptableException e -> Problems.problem(HttpStatus.NOT_ACCEPTABLE, "not-acceptable",
					"No acceptable answer", "This URL answers %s; put that in the Accept header."
						.formatted(mediaTypes(e.getSupportedMediaTypes())),
					null);
			case NoResourceFoundException e -> notFound();
			case NoHandlerFoundException e -> notFound();
			case MaxUploadSizeExceededException e -> tooLarge();
			default -> {
				if (status.is5xxServerError()) {
					logger.error("Request failed", ex);
				}
				yield Problems.forStatus(status, null);
			}
		};
	}

	/** The answer to a body over the configured limit. */
	static ResponseEntity<ProblemDetail> tooLarge() {
		return Problems.problem(HttpStatus.PAYLOAD_TOO_LARGE, "request-too-large", "The request is too large",
				"The body is larger than this app accepts; send less text (a long description can be shortened "
						+ "or split).",
				null);
	}

	private static ResponseEntity<ProblemDetail> notFound() {
		return Problems.forStatus(HttpStatus.NOT_FOUND, null);
	}

	private static ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException ex) {
		Throwable cause = ex.getCause();
		for (Throwable c = cause; c != null; c = c.getCause()) {
			if (c instanceof BodyLimitFilter.BodyTooLarge) {
				return tooLarge();
			}
		}
		if (cause instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()
				&& invalidKey(mapping).isPresent()) {
			return invalid(List
				.of(new FieldProblem(FieldPath.of(mapping), "must be " + invalidKey(mapping).get().expected())));
		}
		if (cause instanceof InvalidFormatException format && !format.getPath().isEmpty()) {
			return invalid(
					List.of(new FieldProblem(FieldPath.of(format), "must be " + expected(format.getTargetType()))));
		}
		if (cause instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
			return invalid(List.of(new FieldProblem(FieldPath.of(mismatch), "has the wrong type")));
		}
		String detail = (cause instanceof JsonProcessingException)
				? "The body is not valid JSON; send one JSON object, as the API description at /v3/api-docs shows."
				: "The request needs a JSON body; send one JSON object, as the API description at /v3/api-docs "
						+ "shows.";
		return Problems.problem(HttpStatus.BAD_REQUEST, "unreadable-body", "The body cannot be read", detail, null);
	}

	private static ResponseEntity<ProblemDetail> invalid(List<FieldProblem> problems) {
		List<FieldProblem> named = new ArrayList<>(problems);
		String detail = named.isEmpty() ? "Check the request against the API description at /v3/api-docs."
				: "Fix %s.".formatted(named.stream()
					.map(problem -> "'%s' (%s)".formatted(problem.field(), problem.problem()))
					.collect(Collectors.joining(", ")));
		ResponseEntity<ProblemDetail> response = Problems.problem(HttpStatus.BAD_REQUEST, "bad-request",
				"The request is not valid", detail, null);
		response.getBody()
			.setProperty("errors",
					named.stream()
						.map(problem -> Map.of("field", problem.field(), "problem", problem.problem()))
						.toList());
		return response;
	}

	/**
	 * The key a value of an {@code IssueKey} or {@code ProjectKey} parameter or field
	 * refused, if that is why it could not be read.
	 */
	private static Optional<InvalidKey> invalidKey(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof InvalidKey invalid) {
				return Optional.of(invalid);
			}
		}
		return Optional.empty();
	}

	private static String name(TypeMismatchException ex) {
		return ex.getPropertyName() != null ? ex.getPropertyName() : "a parameter";
	}

	/** What a value must look like, in the API's terms rather than a Java type's name. */
	private static String expected(Class<?> type) {
		if (type == null) {
			return "a valid value";
		}
		if (type == UUID.class) {
			return "an id like 3f0e8b9c-2f4e-4b7a-9d1e-5c6a7b8c9d0e";
		}
		if (type == boolean.class || type == Boolean.class) {
			return "true or false";
		}
		if (type.isPrimitive() || Number.class.isAssignableFrom(type)) {
			return "a number";
		}
		if (type.isEnum()) {
			return "one of " + join(Arrays.stream(type.getEnumConstants()).map(Object::toString));
		}
		return "a valid value";
	}

	private static String mediaTypes(List<MediaType> types) {
		return types.isEmpty() ? MediaType.APPLICATION_JSON_VALUE
				: join(types.stream().map(type -> type.getType() + "/" + type.getSubtype()).distinct());
	}

	private static String join(java.util.stream.Stream<String> values) {
		return values.collect(Collectors.joining(", "));
	}

	private record FieldProblem(String field, String problem) {
	}

}

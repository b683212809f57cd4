package dev.jiraai.web;

import dev.jiraai.ai.AiException;
import dev.jiraai.ai.PromptException;
import dev.jiraai.confirm.InvalidProposalPayload;
import dev.jiraai.confirm.ProposalException;
import dev.jiraai.jira.InvalidKey;
import dev.jiraai.jira.IssueNotCreatable;
import dev.jiraai.jira.JiraException;
import dev.jiraai.jira.NotVisible;
import dev.jiraai.jira.TransitionNotPossible;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.lang.Nullable;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Answers every failure of a handler with an RFC 9457 problem of the app's catalogue: the
 * app's own failures through {@link Problems}, Spring MVC's (unreadable body, 405, 406,
 * 415, type mismatch, validation, no handler...) through {@link RequestProblems}, so
 * nothing answers {@code about:blank} or a framework title. A feature's own failures
 * ({@link dev.jiraai.problem.DescribedProblem}) are answered by
 * {@link DescribedProblems}, asked after this. Anything else (an
 * {@code IllegalArgumentException} included) is a 500 whose cause is logged, not shown,
 * answered by {@link ErrorPageProblems}.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class ProblemDetails extends ResponseEntityExceptionHandler {

	/*
	 * The app's own failures. Anything else propagates to the error page, so the Connect
	 * library still answers its own exceptions (a forged lifecycle call is a 401), and
	 * ErrorPageProblems turns an unknown one into a 500 'internal'.
	 */
	@ExceptionHandler({ AiException.class, JiraException.class, NotVisible.class, InvalidKey.class,
			IssueNotCreatable.class, TransitionNotPossible.class, PromptException.class, ProposalException.class,
			InvalidProposalPayload.class })
	ResponseEntity<ProblemDetail> handle(Exception ex) {
		return Problems.of(ex);
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleExceptionInternal(Exception ex, @Nullable Object body,
			HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
		ResponseEntity<ProblemDetail> problem = RequestProblems.of(ex, statusCode);
		HttpHeaders merged = new HttpHeaders();
		merged.putAll(headers);
		merged.putAll(problem.getHeaders());
		return super.handleExceptionInternal(ex, problem.getBody(), merged, problem.getStatusCode(), request);
	}

}

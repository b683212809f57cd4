package dev.jiraai.web;

import dev.jiraai.ai.AiException;
import dev.jiraai.ai.PromptException;
import dev.jiraai.confirm.ProposalException;
import dev.jiraai.jira.IssueNotCreatable;
import dev.jiraai.jira.JiraException;
import dev.jiraai.jira.TransitionNotPossible;

import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Answers the app's known failures with RFC 9457 problem details ({@link Problems});
 * Spring's own exceptions (validation, unreadable bodies,
 * {@code ResponseStatusException}) get Spring's problem details. Narrow on purpose: an
 * unexpected exception stays a 500.
 */
@RestControllerAdvice
class ProblemDetails extends ResponseEntityExceptionHandler {

	@ExceptionHandler({ AiException.class, JiraException.class, IssueNotCreatable.class, TransitionNotPossible.class,
			PromptException.class, ProposalException.class, IllegalArgumentException.class })
	ResponseEntity<ProblemDetail> handle(Exception ex) {
		return Problems.of(ex);
	}

}

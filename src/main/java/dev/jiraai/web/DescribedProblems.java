package dev.jiraai.web;

import dev.jiraai.problem.DescribedProblem;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Answers a module's failure that names its own problem ({@link DescribedProblem}) with
 * that problem. An {@code @ExceptionHandler} cannot name an interface, so this takes
 * every runtime exception and gives back the ones that are not described: Spring MVC then
 * goes on as if no handler matched (rethrowing the same exception is not logged), and the
 * error page answers them. Ordered after {@link ProblemDetails}, so that its handlers,
 * which also match an exception by its causes, are asked first.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class DescribedProblems {

	@ExceptionHandler
	ResponseEntity<ProblemDetail> handle(RuntimeException ex) {
		if (ex instanceof DescribedProblem) {
			return Problems.of(ex);
		}
		throw ex;
	}

}

package dev.jiraai.web;

import dev.jiraai.problem.ProblemMapper;

import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;

/**
 * {@link Problems} for the modules that report a failure without answering a status
 * (streams, tasks): they depend on the problem module's interface, not on web.
 */
@Component
class ProblemCatalogue implements ProblemMapper {

	@Override
	public ProblemDetail problemOf(Throwable failure) {
		return Problems.of(failure).getBody();
	}

}

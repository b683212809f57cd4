package dev.jiraai.connect;

import java.io.IOException;
import java.net.URI;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;

/**
 * Writes the RFC 9457 answer of a request the Connect filters refuse before any
 * controller runs.
 */
@Component
class UnauthenticatedResponder {

	static final URI TYPE = URI.create("https://jira-ai.dev/problems/unauthenticated");

	private final ObjectMapper objectMapper;

	UnauthenticatedResponder(ObjectMapper objectMapper) {
		this.objectMapper = objectMapper;
	}

	void reject(HttpServletRequest request, HttpServletResponse response, String detail) throws IOException {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, detail);
		problem.setTitle("Not authenticated");
		problem.setType(TYPE);
		problem.setInstance(URI.create(request.getRequestURI()));
		response.setStatus(HttpStatus.UNAUTHORIZED.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		this.objectMapper.writeValue(response.getOutputStream(), problem);
	}

}

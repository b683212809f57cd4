package dev.jiraai.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets a metrics scrape through only with the operator's bearer token, compared in
 * constant time; anything else gets a 401 problem and nothing of the metrics. The token
 * is never logged.
 */
final class OperatorTokenFilter extends OncePerRequestFilter {

	static final String PATH = "/actuator/prometheus";

	private final OperatorProperties properties;

	private final ObjectMapper json;

	OperatorTokenFilter(OperatorProperties properties, ObjectMapper json) {
		this.properties = properties;
		this.json = json;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !request.getRequestURI().equals(PATH);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (authorised(request.getHeader(HttpHeaders.AUTHORIZATION))) {
			chain.doFilter(request, response);
			return;
		}
		String detail = this.properties.metricsEnabled()
				? "Metrics need the operator's token: send Authorization: Bearer <JIRA_AI_OPERATOR_METRICS_TOKEN>."
				: "Metrics are off: the operator sets JIRA_AI_OPERATOR_METRICS_TOKEN to serve them.";
		ResponseEntity<ProblemDetail> problem = Problems.problem(HttpStatus.UNAUTHORIZED, "unauthenticated",
				"Not authenticated", detail, null);
		response.setStatus(HttpStatus.UNAUTHORIZED.value());
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"metrics\"");
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		this.json.writeValue(response.getOutputStream(), problem.getBody());
	}

	private boolean authorised(String authorization) {
		if (!this.properties.metricsEnabled() || authorization == null || !authorization.startsWith("Bearer ")) {
			return false;
		}
		byte[] given = authorization.substring(7).trim().getBytes(StandardCharsets.UTF_8);
		byte[] expected = this.properties.metricsToken().getBytes(StandardCharsets.UTF_8);
		return MessageDigest.isEqual(given, expected);
	}

}

package dev.jiraai.web;

import dev.jiraai.connect.ConnectErrorPage;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.core.MethodParameter;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * Turns the answer of the error page ({@code /error}, reached when a filter or the
 * servlet container refuses a request, e.g. the Connect library's 401, the security
 * chain's 403, a failure in a filter) into a problem of the app's catalogue. The page
 * belongs to atlassian-connect-spring-boot, which maps {@code /error} itself and would
 * otherwise answer its own JSON with the error's message.
 */
@ControllerAdvice
class ErrorPageProblems implements ResponseBodyAdvice<Object> {

	@Override
	public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
		return ConnectErrorPage.isErrorPage(returnType.getContainingClass());
	}

	@Override
	public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType selectedContentType,
			Class<? extends HttpMessageConverter<?>> selectedConverterType, ServerHttpRequest request,
			ServerHttpResponse response) {
		ResponseEntity<ProblemDetail> problem = problem(((ServletServerHttpRequest) request).getServletRequest(),
				response);
		response.setStatusCode(problem.getStatusCode());
		response.getHeaders().putAll(problem.getHeaders());
		response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		return problem.getBody();
	}

	private static ResponseEntity<ProblemDetail> problem(HttpServletRequest request, ServerHttpResponse response) {
		// The library sets the status of the exceptions it knows; otherwise the
		// container's. Reached directly (no error at all), the page is a 500, as Boot's.
		int code = (response instanceof ServletServerHttpResponse servlet) ? servlet.getServletResponse().getStatus()
				: 500;
		if (code < 400) {
			Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
			code = (status instanceof Integer value && value >= 400) ? value : 500;
		}
		Throwable failure = (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
		while (failure instanceof ServletException servlet && servlet.getRootCause() != null) {
			failure = servlet.getRootCause();
		}
		if (failure != null && code >= 500) {
			return Problems.of(failure);
		}
		if (failure instanceof BodyLimitFilter.BodyTooLarge) {
			return RequestProblems.tooLarge();
		}
		return Problems.forStatus(HttpStatusCode.valueOf(code), null);
	}

}

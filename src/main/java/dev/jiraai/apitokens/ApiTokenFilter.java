package dev.jiraai.apitokens;

import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.regex.Pattern;

import com.atlassian.connect.spring.AtlassianHostUser;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import dev.jiraai.problem.ProblemMapper;
import dev.jiraai.tenancy.SiteUser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer jaa_...} on the three endpoints of the chat
 * API a script uses ({@link #ACCEPTED}) and refuses it everywhere else.
 * <p>
 * An accepted token puts its owner in the security context as the Connect library's own
 * filters do (an authenticated {@link AtlassianHostUser} principal), so the library's
 * interceptor lets the request through and controllers resolve a Connect {@link SiteUser}
 * for the owner. Runs after the Connect JWT filter and before the Forge filter, and hides
 * the header from everything after it: the Forge filter does not try the token as a Forge
 * Invocation Token, and nothing later can log it. Nothing here logs the token either,
 * only its prefix.
 */
class ApiTokenFilter extends OncePerRequestFilter {

	private static final Logger logger = LoggerFactory.getLogger(ApiTokenFilter.class);

	private static final String BEARER = "bearer ";

	/** The endpoints a token is accepted by: method and path. */
	static final List<Endpoint> ACCEPTED = List.of(new Endpoint("POST", "/api/chat/send"),
			new Endpoint("GET", "/api/chat/result/{taskId}"), new Endpoint("POST", "/api/chat/resume/{taskId}"));

	private final ApiTokens tokens;

	private final ProblemMapper problems;

	private final ObjectMapper json;

	ApiTokenFilter(ApiTokens tokens, ProblemMapper problems, ObjectMapper json) {
		this.tokens = tokens;
		this.problems = problems;
		this.json = json;
	}

	/** An endpoint that takes a token; {@code {name}} stands for one path segment. */
	record Endpoint(String method, String template) {

		boolean matches(String method, String path) {
			return this.method.equals(method) && Pattern.matches(this.template.replaceAll("\\{[^}]+}", "[^/]+"), path);
		}

	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
				|| !authorization.substring(BEARER.length()).strip().startsWith(ApiTokens.PREFIX)) {
			chain.doFilter(request, response);
			return;
		}
		String token = authorization.substring(BEARER.length()).strip();
		String path = request.getRequestURI().substring(request.getContextPath().length());
		try {
			if (ACCEPTED.stream().noneMatch(endpoint -> endpoint.matches(request.getMethod(), path))) {
				throw new ApiTokenException.NotAccepted();
			}
			SiteUser owner = this.tokens.authenticate(token, ApiTokenScope.CHAT, request.getMethod() + " " + path);
			SecurityContextHolder.getContext().setAuthentication(new TokenAuthentication(owner.hostUser()));
			request.setAttribute(ApiTokenRequests.TOKEN_PREFIX, prefixOf(token));
		}
		catch (ApiTokenException ex) {
			logger.info("Refused an API token ({}) on {} {}: {}", prefixOf(token), request.getMethod(), path,
					ex.getMessage());
			reject(request, response, ex);
			return;
		}
		chain.doFilter(new WithoutAuthorization(request), response);
	}

	private void reject(HttpServletRequest request, HttpServletResponse response, ApiTokenException failure)
			throws IOException {
		ProblemDetail problem = this.problems.problemOf(failure);
		problem.setInstance(java.net.URI.create(request.getRequestURI()));
		response.setStatus(problem.getStatus());
		if (failure instanceof ApiTokenException.RateLimited limited) {
			long seconds = Math.max(1, (limited.retryAfter().toMillis() + 999) / 1000);
			response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(seconds));
			problem.setProperty("retryAfterSeconds", seconds);
		}
		if (problem.getStatus() == HttpServletResponse.SC_UNAUTHORIZED) {
			response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
		}
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		this.json.writeValue(response.getOutputStream(), problem);
	}

	/** What may be logged of a token: the prefix, which lists show too. */
	private static String prefixOf(String token) {
		return token.length() <= 16 ? ApiTokens.PREFIX + "…" : token.substring(0, 16) + "…";
	}

	/** The owner of an accepted token, authenticated; never the token itself. */
	static final class TokenAuthentication extends AbstractAuthenticationToken {

		private final AtlassianHostUser owner;

		TokenAuthentication(AtlassianHostUser owner) {
			super(List.of());
			this.owner = owner;
			setAuthenticated(true);
		}

		@Override
		public Object getCredentials() {
			return null;
		}

		@Override
		public AtlassianHostUser getPrincipal() {
			return this.owner;
		}

	}

	/** The request as later filters and the app see it: without the token. */
	private static final class WithoutAuthorization extends HttpServletRequestWrapper {

		WithoutAuthorization(HttpServletRequest request) {
			super(request);
		}

		@Override
		public String getHeader(String name) {
			return HttpHeaders.AUTHORIZATION.equalsIgnoreCase(name) ? null : super.getHeader(name);
		}

		@Override
		public Enumeration<String> getHeaders(String name) {
			return HttpHeaders.AUTHORIZATION.equalsIgnoreCase(name) ? Collections.emptyEnumeration()
					: super.getHeaders(name);
		}

		@Override
		public Enumeration<String> getHeaderNames() {
			return Collections.enumeration(Collections.list(super.getHeaderNames())
				.stream()
				.filter(name -> !HttpHeaders.AUTHORIZATION.equalsIgnoreCase(name))
				.toList());
		}

	}

}

package dev.jiraai.connect;

import java.io.IOException;
import java.text.ParseException;
import java.util.Optional;

import com.atlassian.connect.spring.internal.auth.LifecycleURLHelper;
import com.atlassian.connect.spring.internal.jwt.HttpRequestCanonicalizer;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Looks at a Connect JWT before the library verifies it, to refuse what the library lets
 * through or answers inconsistently:
 * <ul>
 * <li>a token that does not parse, or is not signed ({@code alg: none}), is a failed
 * authentication (401); the library answers those with 400;</li>
 * <li>a signed install or uninstall must carry the {@code qsh} of the very lifecycle
 * request it came with; the library checks it only when the site is already known, so a
 * first install would accept a signed token lifted from another request.</li>
 * </ul>
 * This only adds refusals: signature, issuer, audience and expiry are still verified by
 * the library afterwards.
 */
class ConnectJwtPrecheckFilter extends OncePerRequestFilter {

	private static final Logger logger = LoggerFactory.getLogger(ConnectJwtPrecheckFilter.class);

	private static final String JWT_PREFIX = "JWT ";

	private static final String JWT_PARAMETER = "jwt";

	private final LifecycleURLHelper lifecycleUrls;

	private final UnauthenticatedResponder responder;

	ConnectJwtPrecheckFilter(LifecycleURLHelper lifecycleUrls, UnauthenticatedResponder responder) {
		this.lifecycleUrls = lifecycleUrls;
		this.responder = responder;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Optional<String> raw = rawJwt(request);
		if (raw.isEmpty()) {
			// Without a JWT, protected handlers and lifecycle calls are refused by the
			// library itself.
			chain.doFilter(request, response);
			return;
		}
		Optional<SignedJWT> jwt = parseSigned(raw.get());
		if (jwt.isEmpty()) {
			this.responder.reject(request, response, "The Connect JWT is malformed or not signed.");
			return;
		}
		if (this.lifecycleUrls.isRequestToLifecycleURL(request) && !boundToRequest(jwt.get(), request)) {
			logger.warn("Refused a {} lifecycle call whose JWT qsh does not match the request",
					request.getRequestURI());
			this.responder.reject(request, response, "The lifecycle JWT is not bound to this request (qsh).");
			return;
		}
		chain.doFilter(request, response);
	}

	private static Optional<String> rawJwt(HttpServletRequest request) {
		String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (authorization != null && authorization.startsWith(JWT_PREFIX)) {
			return Optional.of(authorization.substring(JWT_PREFIX.length()).trim());
		}
		return Optional.ofNullable(request.getParameter(JWT_PARAMETER)).filter(jwt -> !jwt.isBlank());
	}

	private static Optional<SignedJWT> parseSigned(String raw) {
		try {
			JWT jwt = JWTParser.parse(raw);
			return (jwt instanceof SignedJWT signed) ? Optional.of(signed) : Optional.empty();
		}
		catch (ParseException ex) {
			return Optional.empty();
		}
	}

	private static boolean boundToRequest(SignedJWT jwt, HttpServletRequest request) {
		try {
			Object qsh = jwt.getJWTClaimsSet().getClaim(HttpRequestCanonicalizer.QUERY_STRING_HASH_CLAIM_NAME);
			return QueryStringHash.of(request).equals(qsh);
		}
		catch (ParseException ex) {
			return false;
		}
	}

}

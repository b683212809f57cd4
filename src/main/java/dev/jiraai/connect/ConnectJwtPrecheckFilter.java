package dev.jiraai.connect;

import java.io.IOException;
import java.text.ParseException;
import java.util.Optional;

import com.atlassian.connect.spring.internal.auth.LifecycleURLHelper;
import com.atlassian.connect.spring.internal.jwt.HttpRequestCanonicalizer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
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
 * first install would accept a signed token lifted from another request;</li>
 * <li>its issuer must be the {@code clientKey} the body installs (Atlassian's rule, for
 * first installs too); the library checks the signature, not that the two agree, so a
 * token of one site could install another.</li>
 * </ul>
 * An install that passes these checks is announced ({@link SiteInstallRequested}) before
 * the library stores it, so that data past its retention is purged first. This only adds
 * refusals: signature, issuer, audience and expiry are still verified by the library
 * afterwards.
 */
class ConnectJwtPrecheckFilter extends OncePerRequestFilter {

	private static final Logger logger = LoggerFactory.getLogger(ConnectJwtPrecheckFilter.class);

	private static final String JWT_PREFIX = "JWT ";

	private static final String JWT_PARAMETER = "jwt";

	/** Lifecycle payloads are a few hundred bytes; anything this large is not one. */
	private static final int MAX_LIFECYCLE_BODY = 64 * 1024;

	private final LifecycleURLHelper lifecycleUrls;

	private final UnauthenticatedResponder responder;

	private final ObjectMapper json;

	private final ApplicationEventPublisher events;

	ConnectJwtPrecheckFilter(LifecycleURLHelper lifecycleUrls, UnauthenticatedResponder responder, ObjectMapper json,
			ApplicationEventPublisher events) {
		this.lifecycleUrls = lifecycleUrls;
		this.responder = responder;
		this.json = json;
		this.events = events;
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
		if (!this.lifecycleUrls.isRequestToLifecycleURL(request)) {
			chain.doFilter(request, response);
			return;
		}
		if (!boundToRequest(jwt.get(), request)) {
			logger.warn("Refused a {} lifecycle call whose JWT qsh does not match the request",
					request.getRequestURI());
			this.responder.reject(request, response, "The lifecycle JWT is not bound to this request (qsh).");
			return;
		}
		BufferedBodyRequest buffered = BufferedBodyRequest.read(request, MAX_LIFECYCLE_BODY);
		Optional<String> clientKey = (buffered != null) ? clientKey(buffered.body()) : Optional.empty();
		Optional<String> issuer = issuer(jwt.get());
		if (clientKey.isEmpty() || issuer.isEmpty() || !clientKey.get().equals(issuer.get())) {
			logger.warn("Refused a {} lifecycle call whose JWT issuer {} is not the clientKey {} it is for",
					request.getRequestURI(), issuer.orElse("(none)"), clientKey.orElse("(none)"));
			this.responder.reject(request, response,
					"The lifecycle JWT was issued for another site than the one in the request (iss is not clientKey).");
			return;
		}
		if (request.getRequestURI().endsWith("/installed")) {
			this.events.publishEvent(new SiteInstallRequested(clientKey.get()));
		}
		chain.doFilter(buffered, response);
	}

	private Optional<String> clientKey(byte[] body) {
		try {
			JsonNode payload = this.json.readTree(body);
			return Optional.ofNullable(payload).map(node -> node.path("clientKey").asText(null));
		}
		catch (IOException ex) {
			return Optional.empty();
		}
	}

	private static Optional<String> issuer(SignedJWT jwt) {
		try {
			return Optional.ofNullable(jwt.getJWTClaimsSet().getIssuer());
		}
		catch (ParseException ex) {
			return Optional.empty();
		}
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

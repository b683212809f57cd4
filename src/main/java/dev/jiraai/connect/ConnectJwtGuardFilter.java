package dev.jiraai.connect;

import java.io.IOException;

import com.atlassian.connect.spring.AtlassianHostUser;
import com.atlassian.connect.spring.internal.auth.AbstractAuthentication;
import com.atlassian.connect.spring.internal.auth.jwt.JwtAuthentication;
import com.nimbusds.jwt.JWTClaimsSet;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Closes two holes the library leaves in Connect JWT authentication: it accepts a JWT
 * without a {@code qsh} claim, and it keeps accepting a site's tokens after
 * {@code /uninstalled} (it only flips {@code addonInstalled}). Also lets app APIs accept
 * a token bound to the exact request besides a context token.
 * <p>
 * Runs right after the library's JWT filter, which has already verified the signature
 * with the site's current shared secret (so a secret rotated by a reinstall makes older
 * tokens fail there).
 */
class ConnectJwtGuardFilter extends OncePerRequestFilter {

	private static final Logger logger = LoggerFactory.getLogger(ConnectJwtGuardFilter.class);

	private static final String QSH_CLAIM = "qsh";

	private static final String CONTEXT_QSH = "context-qsh";

	private static final String API_PREFIX = "/api/";

	private final UnauthenticatedResponder responder;

	ConnectJwtGuardFilter(UnauthenticatedResponder responder) {
		this.responder = responder;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication instanceof AbstractAuthentication connect
				&& connect.getPrincipal() instanceof AtlassianHostUser hostUser) {
			if (!(connect.getCredentials() instanceof JWTClaimsSet claims) || claims.getClaim(QSH_CLAIM) == null) {
				logger.info("Rejected a Connect JWT without a qsh claim for site {}",
						hostUser.getHost().getClientKey());
				SecurityContextHolder.clearContext();
				this.responder.reject(request, response, "The Connect JWT has no 'qsh' claim.");
				return;
			}
			if (!hostUser.getHost().isAddonInstalled()) {
				logger.info("Rejected a Connect JWT of uninstalled site {}", hostUser.getHost().getClientKey());
				SecurityContextHolder.clearContext();
				this.responder.reject(request, response,
						"The app is not installed on this site. Install it again from the Jira admin.");
				return;
			}
			acceptRequestBoundTokenOnApi(request, connect, hostUser, claims);
		}
		chain.doFilter(request, response);
	}

	/**
	 * App APIs are {@code @ContextJwt}: the library accepts only the {@code context-qsh}
	 * marker there. A token bound to the exact API request (what a server-side caller
	 * signs) proves more, so it is accepted as a context token.
	 */
	private static void acceptRequestBoundTokenOnApi(HttpServletRequest request, AbstractAuthentication connect,
			AtlassianHostUser hostUser, JWTClaimsSet claims) {
		if (request.getRequestURI().startsWith(API_PREFIX) && connect instanceof JwtAuthentication
				&& !CONTEXT_QSH.equals(claims.getClaim(QSH_CLAIM))) {
			String requestHash = QueryStringHash.of(request);
			if (requestHash.equals(claims.getClaim(QSH_CLAIM))) {
				JWTClaimsSet asContext = new JWTClaimsSet.Builder(claims).claim(QSH_CLAIM, CONTEXT_QSH).build();
				SecurityContextHolder.getContext()
					.setAuthentication(new JwtAuthentication(hostUser, asContext, requestHash));
			}
		}
	}

}

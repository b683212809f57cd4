package dev.jiraai.connect;

import java.io.IOException;
import java.util.Optional;

import com.atlassian.connect.spring.AtlassianHostUser;
import com.atlassian.connect.spring.internal.auth.frc.ForgeAuthentication;
import com.atlassian.connect.spring.internal.auth.frc.ForgeConnectMappingService;
import com.atlassian.connect.spring.internal.auth.frc.types.ForgeApiContext;
import com.atlassian.connect.spring.internal.auth.frc.types.ForgeInvocationToken;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates Forge remote calls ({@code Authorization: Bearer <FIT>}) and associates
 * them with the Connect host of the same installation, so that a controller written once
 * for Connect context JWTs serves Forge Custom UI too.
 * <p>
 * Replaces the library's filter, which downloads the JWKS on every call, accepts tokens
 * without expiry and leaves the principal empty unless the handler is
 * {@code @ForgeRemote}; a {@code @ForgeRemote} handler in turn refuses Connect JWTs,
 * which would force every endpoint to exist twice. The association is the library's own
 * ({@link ForgeConnectMappingService}, the one behind
 * {@code @ForgeRemote(associateConnect = true)}). The Forge OAuth tokens Forge sends
 * along ({@code x-forge-oauth-user}, {@code x-forge-oauth-system}) are kept in the
 * {@link ForgeApiContext} so that calls to Jira can be made as the user or as the app.
 */
class ForgeInvocationTokenFilter extends OncePerRequestFilter {

	private static final Logger logger = LoggerFactory.getLogger(ForgeInvocationTokenFilter.class);

	private static final String BEARER_PREFIX = "bearer ";

	static final String USER_TOKEN_HEADER = "x-forge-oauth-user";

	static final String SYSTEM_TOKEN_HEADER = "x-forge-oauth-system";

	private final ForgeInvocationTokens tokens;

	private final ForgeConnectMappingService mappings;

	private final UnauthenticatedResponder responder;

	ForgeInvocationTokenFilter(ForgeInvocationTokens tokens, ForgeConnectMappingService mappings,
			UnauthenticatedResponder responder) {
		this.tokens = tokens;
		this.mappings = mappings;
		this.responder = responder;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (authorization == null || !authorization.regionMatches(true, 0, BEARER_PREFIX, 0, BEARER_PREFIX.length())) {
			chain.doFilter(request, response);
			return;
		}
		Optional<ForgeInvocationToken> token = this.tokens
			.verify(authorization.substring(BEARER_PREFIX.length()).trim());
		if (token.isEmpty()) {
			// Not authenticated: protected handlers answer 401, public ones (descriptor,
			// health) still work.
			chain.doFilter(request, response);
			return;
		}
		Optional<AtlassianHostUser> hostUser = this.mappings.getAtlassianHostUserFromForgeInvocationToken(token.get());
		if (hostUser.isEmpty() || !hostUser.get().getHost().isAddonInstalled()) {
			logger.info("Rejected a Forge Invocation Token of installation {}: no installed Connect site",
					token.get().getApp().getInstallationId());
			this.responder.reject(request, response,
					"This Forge installation is not linked to an installed site. Reinstall the app from the Jira admin.");
			return;
		}
		ForgeApiContext context = new ForgeApiContext(token.get(),
				Optional.ofNullable(request.getHeader(USER_TOKEN_HEADER)),
				Optional.ofNullable(request.getHeader(SYSTEM_TOKEN_HEADER)));
		SecurityContextHolder.getContext().setAuthentication(new ForgeAuthentication(context, hostUser.get()));
		chain.doFilter(request, response);
	}

}

package dev.jiraai.tenancy;

import java.net.URI;
import java.time.Instant;

import com.atlassian.connect.spring.AtlassianHostUser;
import com.atlassian.connect.spring.internal.auth.frc.ForgeAuthentication;
import com.atlassian.connect.spring.internal.auth.frc.types.ForgeApiContext;

import org.springframework.core.MethodParameter;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Resolves a {@link SiteUser} controller parameter from the request's Connect JWT or
 * Forge Invocation Token.
 * <p>
 * Authentication itself happens before (the Connect and Forge filters, then the library's
 * interceptor refuses unauthenticated calls to any handler not marked
 * {@code @IgnoreJwt}); reaching here without a principal is a programming error, answered
 * as 401 rather than guessed.
 */
class CurrentSiteUserResolver implements HandlerMethodArgumentResolver {

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return SiteUser.class.equals(parameter.getParameterType());
	}

	@Override
	public SiteUser resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
			NativeWebRequest webRequest, WebDataBinderFactory binderFactory) {
		return current();
	}

	static SiteUser current() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication == null || !(authentication.getPrincipal() instanceof AtlassianHostUser hostUser)) {
			throw new NotAuthenticatedException();
		}
		Site site = Site.of(hostUser.getHost());
		String accountId = hostUser.getUserAccountId().orElse(null);
		if (authentication instanceof ForgeAuthentication forge) {
			// The user token is taken out of the security context here, once: from now
			// on it travels with the user, so work off the request thread acts as them.
			ForgeApiContext context = forge.getDetails();
			ForgeUserToken token = context.getUserToken()
				.map(value -> ForgeUserToken.of(URI.create(context.getForgeInvocationToken().getApp().getApiBaseUrl()),
						value, Instant.now()))
				.orElse(null);
			return new SiteUser(site, accountId, SiteUser.Channel.FORGE, hostUser, token);
		}
		return new SiteUser(site, accountId, SiteUser.Channel.CONNECT, hostUser);
	}

}

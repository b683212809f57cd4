package dev.jiraai.tenancy;

import com.atlassian.connect.spring.AtlassianHostUser;
import com.atlassian.connect.spring.internal.auth.frc.ForgeAuthentication;

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
		SiteUser.Channel channel = (authentication instanceof ForgeAuthentication) ? SiteUser.Channel.FORGE
				: SiteUser.Channel.CONNECT;
		return new SiteUser(Site.of(hostUser.getHost()), hostUser.getUserAccountId().orElse(null), channel, hostUser);
	}

}

package dev.jiraai.tenancy;

import java.time.Instant;
import java.util.Optional;

import com.atlassian.connect.spring.AtlassianHostUser;
import dev.jiraai.connect.ForgeInvocation;

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
		return find().orElseThrow(NotAuthenticatedException::new);
	}

	static Optional<SiteUser> find() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication == null || !(authentication.getPrincipal() instanceof AtlassianHostUser hostUser)) {
			return Optional.empty();
		}
		Site site = Site.of(hostUser.getHost());
		String accountId = hostUser.getUserAccountId().orElse(null);
		Optional<ForgeInvocation> forge = ForgeInvocation.of(authentication);
		if (forge.isPresent()) {
			// The user token is taken out of the security context here, once: from now
			// on it travels with the user, so work off the request thread acts as them.
			ForgeUserToken token = (forge.get().userToken() == null) ? null
					: ForgeUserToken.of(forge.get().apiBaseUrl(), forge.get().userToken(), Instant.now());
			return Optional.of(new SiteUser(site, accountId, SiteUser.Channel.FORGE, hostUser, token));
		}
		return Optional.of(new SiteUser(site, accountId, SiteUser.Channel.CONNECT, hostUser));
	}

}

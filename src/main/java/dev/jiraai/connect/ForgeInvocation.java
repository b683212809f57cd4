package dev.jiraai.connect;

import java.net.URI;
import java.util.Optional;

import com.atlassian.connect.spring.internal.auth.frc.ForgeAuthentication;
import com.atlassian.connect.spring.internal.auth.frc.types.ForgeApiContext;

import org.springframework.security.core.Authentication;

/**
 * What a request that came through a Forge remote call carries for calling Jira as its
 * user, read from the authentication the Forge filter set.
 *
 * @param userToken the invocation's user token ({@code x-forge-oauth-user}), or
 * {@code null} when Forge sent none
 * @param apiBaseUrl the API gateway the token may be sent to ({@code app.apiBaseUrl} of
 * the invocation token), or {@code null}
 */
public record ForgeInvocation(String userToken, URI apiBaseUrl) {

	/** The Forge invocation of an authentication, or empty when it is not one. */
	public static Optional<ForgeInvocation> of(Authentication authentication) {
		if (!(authentication instanceof ForgeAuthentication forge)) {
			return Optional.empty();
		}
		ForgeApiContext context = forge.getDetails();
		String apiBaseUrl = context.getForgeInvocationToken().getApp().getApiBaseUrl();
		return Optional.of(new ForgeInvocation(context.getUserToken().orElse(null),
				(apiBaseUrl == null) ? null : URI.create(apiBaseUrl)));
	}

	/** Never shows the token. */
	@Override
	public String toString() {
		return "ForgeInvocation[apiBaseUrl=%s, userToken=%s]".formatted(this.apiBaseUrl,
				(this.userToken == null) ? "none" : "***");
	}

}

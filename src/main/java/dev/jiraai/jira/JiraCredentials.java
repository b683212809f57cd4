package dev.jiraai.jira;

import java.net.URI;
import java.util.List;

import com.atlassian.connect.spring.AtlassianHost;
import com.atlassian.connect.spring.AtlassianHostRepository;
import dev.jiraai.connect.ConnectTokens;
import dev.jiraai.tenancy.ForgeUserToken;
import dev.jiraai.tenancy.SiteUser;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;

/**
 * Where a Jira call goes and the {@code Authorization} header it carries, for the
 * identity it is made as. The library still does what it is for (signing Connect JWTs,
 * the act-as-user token grant and its token cache, through {@link ConnectTokens}); the
 * app no longer lets it build a {@code RestTemplate} (and, with it, a new JDK
 * {@code HttpClient} with its own threads) per call: measured, that cost a third of the
 * CPU of an assessment and 2,000 clients for 1,000 assessments.
 */
@Component
class JiraCredentials {

	private final AtlassianHostRepository hosts;

	private final ConnectTokens tokens;

	/**
	 * The only host Forge's user token may be sent to (api.atlassian.com), as in the
	 * library.
	 */
	private final String forgeApiHost;

	JiraCredentials(AtlassianHostRepository hosts, ConnectTokens tokens,
			@Value("${api.host:api.atlassian.com}") String forgeApiHost) {
		this.hosts = hosts;
		this.tokens = tokens;
		this.forgeApiHost = forgeApiHost;
	}

	/** An absolute request URI and the credentials for it. */
	record Signed(URI uri, String authorization) {
	}

	/**
	 * Resolves a relative Jira URI for an identity and authorises it.
	 * @throws JiraException.Unauthorized when the app is not installed on the site, or a
	 * Forge call arrived without the user's token
	 */
	Signed sign(JiraIdentity who, HttpMethod method, URI relative) {
		return switch (who) {
			case JiraIdentity.AsUser(SiteUser user) when user.channel() == SiteUser.Channel.FORGE ->
				asForgeUser(user, relative);
			case JiraIdentity.AsUser(SiteUser user) -> {
				URI uri = resolve(user.hostUser().getHost().getBaseUrl(), relative);
				yield new Signed(uri, "Bearer " + this.tokens.userAccessToken(user.hostUser()));
			}
			case JiraIdentity.AsApp app -> {
				AtlassianHost host = installedHost(app);
				URI uri = resolve(host.getBaseUrl(), relative);
				yield new Signed(uri, "JWT " + this.tokens.hostJwt(method, uri, host));
			}
		};
	}

	/**
	 * Under Forge, Jira is reached through Atlassian's API gateway with the Forge user
	 * token the user carries (taken from the invocation when the request arrived, so a
	 * task off the request thread acts as the same user). As in the library, the token
	 * goes to the gateway's host only.
	 */
	private Signed asForgeUser(SiteUser user, URI relative) {
		ForgeUserToken token = user.forge().orElseThrow(() -> unauthorized("This Forge call carries no user token"));
		URI uri = resolve(token.apiBaseUrl().toString(), relative);
		if (!this.forgeApiHost.equals(uri.getHost())) {
			throw unauthorized("Forge user tokens go to %s only, not %s".formatted(this.forgeApiHost, uri.getHost()));
		}
		return new Signed(uri, "Bearer " + token.token());
	}

	private AtlassianHost installedHost(JiraIdentity.AsApp app) {
		return this.hosts.findById(app.site().clientKey())
			.filter(AtlassianHost::isAddonInstalled)
			.orElseThrow(() -> unauthorized("The app is not installed on site '%s'".formatted(app.site().clientKey())));
	}

	private static URI resolve(String baseUrl, URI relative) {
		if (relative.isAbsolute()) {
			// Credentials only ever go to the site (or gateway) of the identity.
			throw new IllegalArgumentException("Jira calls take a path relative to the site: " + relative);
		}
		String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
		return URI.create(base + relative.toString());
	}

	private static JiraException.Unauthorized unauthorized(String message) {
		return new JiraException.Unauthorized("call Jira", List.of(message), null);
	}

}

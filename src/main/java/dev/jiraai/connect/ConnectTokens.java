package dev.jiraai.connect;

import java.net.URI;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;

import com.atlassian.connect.spring.AtlassianHost;
import com.atlassian.connect.spring.AtlassianHostUser;
import com.atlassian.connect.spring.internal.jwt.HttpRequestCanonicalizer;
import com.atlassian.connect.spring.internal.request.jwt.CanonicalHttpUriComponentsRequest;
import com.atlassian.connect.spring.internal.request.jwt.JwtBuilder;
import com.atlassian.connect.spring.internal.request.jwt.JwtGenerator;
import com.atlassian.connect.spring.internal.request.oauth2.OAuth2JwtTokenService;

import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The credentials of the app's calls to Atlassian, made by atlassian-connect-spring-boot
 * (which signs Connect JWTs and runs the act-as-user grant with its token cache) behind
 * the app's own names, so that no module but this one uses the library's internals.
 */
@Component
public class ConnectTokens {

	private final JwtGenerator jwts;

	private final OAuth2JwtTokenService userTokens;

	private final String appKey;

	ConnectTokens(JwtGenerator jwts, OAuth2JwtTokenService userTokens, AppProperties app) {
		this.jwts = jwts;
		this.userTokens = userTokens;
		this.appKey = app.key();
	}

	/**
	 * A Connect JWT for a call as the app to the host's own REST API, its {@code qsh} of
	 * the method and the URI relative to the host's base URL.
	 * @param uri the absolute request URI, under the host's base URL
	 */
	public String hostJwt(HttpMethod method, URI uri, AtlassianHost host) {
		return this.jwts.createJwtToken(method, uri, host);
	}

	/**
	 * An access token to act as the user (OAuth 2.0 JWT bearer grant), from the library's
	 * cache while it lasts.
	 * @throws RuntimeException with an {@link ActAsUserTokenRefused} among its causes
	 * when Atlassian's authorization server cannot be reached or refuses the grant
	 */
	public String userAccessToken(AtlassianHostUser user) {
		return this.userTokens.getAccessToken(user).getTokenValue();
	}

	/**
	 * A Connect JWT for a call as the app to an Atlassian API that is not the host's (the
	 * personal data reporting API): issued by the app key, signed with the host's shared
	 * secret, its {@code qsh} of the method and path alone.
	 */
	public String apiJwt(HttpMethod method, String path, AtlassianHost host, Instant issuedAt, Duration lifetime) {
		try {
			String qsh = HttpRequestCanonicalizer.computeCanonicalRequestHash(
					new CanonicalHttpUriComponentsRequest(method, UriComponentsBuilder.fromPath(path).build(), ""));
			return new JwtBuilder(lifetime).issuer(this.appKey)
				.issuedAt(issuedAt.getEpochSecond())
				.expirationTime(issuedAt.plus(lifetime).getEpochSecond())
				.queryHash(qsh)
				.signature(host.getSharedSecret())
				.build();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}

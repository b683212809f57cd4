package dev.jiraai.tenancy;

import java.net.URI;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import com.nimbusds.jwt.JWTParser;

/**
 * The user token a Forge invocation carries ({@code x-forge-oauth-user}) and where it may
 * be sent: Jira is called as the user through Atlassian's API gateway with it. Part of
 * the {@link SiteUser}, so work that leaves the request thread (a task) still acts as the
 * user; never logged ({@link #toString()} hides it).
 *
 * @param apiBaseUrl the gateway base URL from the invocation token
 * ({@code app.apiBaseUrl})
 * @param token the bearer token
 * @param expiresAt when the token stops working: its {@code exp} claim (Forge issues it
 * as a JWT), or a short default for a token that is not one
 */
public record ForgeUserToken(URI apiBaseUrl, String token, Instant expiresAt) {

	/** What is assumed when the token's expiry cannot be read. */
	static final Duration UNKNOWN_LIFETIME = Duration.ofMinutes(5);

	/** The token as Forge sent it, its expiry read from it. */
	public static ForgeUserToken of(URI apiBaseUrl, String token, Instant now) {
		return new ForgeUserToken(apiBaseUrl, token, expiry(token).orElse(now.plus(UNKNOWN_LIFETIME)));
	}

	/**
	 * Whether the token still works at {@code instant}, with a margin for the call
	 * itself.
	 */
	public boolean usableAt(Instant instant) {
		return instant.plusSeconds(5).isBefore(this.expiresAt);
	}

	@Override
	public String toString() {
		return "ForgeUserToken[apiBaseUrl=" + this.apiBaseUrl + ", token=***, expiresAt=" + this.expiresAt + "]";
	}

	private static java.util.Optional<Instant> expiry(String token) {
		try {
			Date exp = JWTParser.parse(token).getJWTClaimsSet().getExpirationTime();
			return java.util.Optional.ofNullable(exp).map(Date::toInstant);
		}
		catch (ParseException | RuntimeException ex) {
			return java.util.Optional.empty();
		}
	}

}

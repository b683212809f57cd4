package dev.jiraai.apitokens;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import com.atlassian.connect.spring.AtlassianHost;
import com.atlassian.connect.spring.AtlassianHostRepository;
import dev.jiraai.tenancy.SiteUser;
import dev.jiraai.tenancy.Sites;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates, lists, revokes and checks personal API tokens.
 * <p>
 * A token is {@code jaa_}, a public id of 12 characters and a secret of 40 (base62 from
 * {@link SecureRandom}, about 238 random bits). The row is found by the prefix
 * ({@code jaa_} and the id) and the SHA-256 of the whole token is compared in constant
 * time; the token itself is never stored. A fast hash is enough: the secret is random,
 * not a password, so it cannot be guessed from its hash.
 */
@Service
class ApiTokens {

	static final String PREFIX = "jaa_";

	private static final int ID_LENGTH = 12;

	private static final int SECRET_LENGTH = 40;

	private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

	private final ApiTokenStore store;

	private final ApiTokenAudit audit;

	private final Sites sites;

	private final AtlassianHostRepository hosts;

	private final ApiTokenProperties properties;

	private final Clock clock;

	private final SecureRandom random = new SecureRandom();

	ApiTokens(ApiTokenStore store, ApiTokenAudit audit, Sites sites, AtlassianHostRepository hosts,
			ApiTokenProperties properties, Optional<Clock> clock) {
		this.store = store;
		this.audit = audit;
		this.sites = sites;
		this.hosts = hosts;
		this.properties = properties;
		this.clock = clock.orElseGet(Clock::systemUTC);
	}

	/** A token just created: the only time its secret is known. */
	record Created(ApiToken token, String secret) {
	}

	/**
	 * Creates a token for the user.
	 * @throws ApiTokenException.Off when the site switched tokens off
	 * @throws ApiTokenException.ConnectOnly when the site cannot be called as the user
	 * from outside Jira
	 * @throws ApiTokenException.TooMany when the user holds the most active tokens
	 */
	@Transactional
	Created create(SiteUser user, String name, int expiresInDays, List<ApiTokenScope> scopes) {
		String clientKey = user.site().clientKey();
		if (!this.store.enabled(clientKey)) {
			throw new ApiTokenException.Off();
		}
		requireConnect(clientKey);
		Instant now = this.clock.instant();
		if (this.store.countActive(clientKey, user.accountId(), now) >= this.properties.maxActivePerUser()) {
			throw new ApiTokenException.TooMany(this.properties.maxActivePerUser());
		}
		String prefix = PREFIX + random(ID_LENGTH);
		String secret = prefix + random(SECRET_LENGTH);
		List<ApiTokenScope> distinct = scopes.stream().distinct().sorted().toList();
		ApiTokenStore.Row row = new ApiTokenStore.Row(UUID.randomUUID(), clientKey, user.accountId(), name.strip(),
				prefix, sha256(secret), distinct, now, now.plus(Duration.ofDays(expiresInDays)), null, null, null);
		this.store.insert(row);
		this.audit.record(clientKey, user.accountId(), "token-created", prefix,
				"Created API token '%s' with scopes %s, expiring %s".formatted(row.name(), wire(distinct),
						row.expiresAt()),
				now);
		return new Created(row.view(now), secret);
	}

	/** The user's own tokens, newest first. */
	List<ApiToken> mine(SiteUser user) {
		Instant now = this.clock.instant();
		return this.store.list(user.site().clientKey(), user.accountId()).stream().map(row -> row.view(now)).toList();
	}

	/** All tokens of the user's site, newest first. */
	List<ApiToken> all(SiteUser admin) {
		Instant now = this.clock.instant();
		return this.store.list(admin.site().clientKey(), null).stream().map(row -> row.view(now)).toList();
	}

	/**
	 * Revokes one of the user's tokens; revoking a revoked token again changes nothing.
	 * @throws ApiTokenException.NotFound when the user has no such token
	 */
	@Transactional
	void revokeMine(SiteUser user, UUID id) {
		ApiTokenStore.Row row = this.store.byId(user.site().clientKey(), id)
			.filter(token -> token.accountId().equals(user.accountId()))
			.orElseThrow(() -> new ApiTokenException.NotFound(id));
		revoke(user, row);
	}

	/**
	 * Revokes any token of the admin's site.
	 * @throws ApiTokenException.NotFound when the site has no such token
	 */
	@Transactional
	void revokeAny(SiteUser admin, UUID id) {
		revoke(admin,
				this.store.byId(admin.site().clientKey(), id).orElseThrow(() -> new ApiTokenException.NotFound(id)));
	}

	private void revoke(SiteUser by, ApiTokenStore.Row row) {
		Instant now = this.clock.instant();
		if (this.store.revoke(row.clientKey(), row.id(), by.accountId(), now)) {
			this.audit.record(row.clientKey(), by.accountId(), "token-revoked", row.prefix(),
					"Revoked API token '%s' of %s".formatted(row.name(), row.accountId()), now);
		}
	}

	boolean enabled(SiteUser user) {
		return this.store.enabled(user.site().clientKey());
	}

	@Transactional
	void setEnabled(SiteUser admin, boolean enabled) {
		Instant now = this.clock.instant();
		this.store.setEnabled(admin.site().clientKey(), enabled, admin.accountId(), now);
		this.audit.record(admin.site().clientKey(), admin.accountId(), "tokens-" + (enabled ? "on" : "off"), null,
				"Switched API tokens " + (enabled ? "on" : "off"), now);
	}

	/**
	 * Checks a bearer token and counts the request against its limit.
	 * @param endpoint the request's method and path, for the audit log
	 * @return the token's owner on its site, as a Connect user (Jira is called with the
	 * act-as-user grant for the owner's account)
	 * @throws ApiTokenException.Invalid when the token is unknown, malformed, expired,
	 * revoked or of a site that uninstalled the app
	 * @throws ApiTokenException.Off when the site switched tokens off
	 * @throws ApiTokenException.ScopeMissing when the token lacks {@code needed}
	 * @throws ApiTokenException.RateLimited when the token made its requests of the
	 * minute
	 */
	@Transactional
	SiteUser authenticate(String token, ApiTokenScope needed, String endpoint) {
		Instant now = this.clock.instant();
		ApiTokenStore.Row row = find(token).filter(found -> found.usable(now))
			.orElseThrow(ApiTokenException.Invalid::new);
		SiteUser owner = this.sites.user(row.clientKey(), row.accountId(), SiteUser.Channel.CONNECT, null)
			.orElseThrow(ApiTokenException.Invalid::new);
		if (!this.store.enabled(row.clientKey())) {
			throw new ApiTokenException.Off();
		}
		requireConnect(row.clientKey());
		if (!row.scopes().contains(needed)) {
			throw new ApiTokenException.ScopeMissing(needed);
		}
		Instant minute = now.truncatedTo(ChronoUnit.MINUTES);
		int requests = this.store.countRequest(row.id(), minute);
		if (requests > this.properties.requestsPerMinute()) {
			throw new ApiTokenException.RateLimited(this.properties.requestsPerMinute(),
					Duration.between(now, minute.plus(Duration.ofMinutes(1))));
		}
		if (requests == 1) {
			this.store.used(row.id(), minute);
			this.audit.record(row.clientKey(), row.accountId(), "token-used", row.prefix(),
					"Used API token '%s': %s".formatted(row.name(), endpoint), now);
		}
		return owner;
	}

	/** The token's row when the token is well formed and its hash matches. */
	private Optional<ApiTokenStore.Row> find(String token) {
		if (token.length() != PREFIX.length() + ID_LENGTH + SECRET_LENGTH || !token.startsWith(PREFIX)
				|| !token.chars().skip(PREFIX.length()).allMatch(c -> BASE62.indexOf(c) >= 0)) {
			return Optional.empty();
		}
		byte[] hash = sha256(token);
		return this.store.byPrefix(token.substring(0, PREFIX.length() + ID_LENGTH))
			.filter(row -> MessageDigest.isEqual(row.hash(), hash));
	}

	/**
	 * Tokens act as their owner through Connect's act-as-user grant, which needs the
	 * OAuth client id Jira sends with a Connect install that asked for
	 * {@code ACT_AS_USER}. Forge user tokens exist only inside a Forge invocation.
	 */
	private void requireConnect(String clientKey) {
		boolean connect = this.hosts.findById(clientKey)
			.map(AtlassianHost::getOauthClientId)
			.filter(id -> !id.isBlank())
			.isPresent();
		if (!connect) {
			throw new ApiTokenException.ConnectOnly();
		}
	}

	private String random(int length) {
		StringBuilder out = new StringBuilder(length);
		for (int i = 0; i < length; i++) {
			out.append(BASE62.charAt(this.random.nextInt(BASE62.length())));
		}
		return out.toString();
	}

	static byte[] sha256(String token) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every JDK", ex);
		}
	}

	private static String wire(List<ApiTokenScope> scopes) {
		return scopes.stream().map(ApiTokenScope::wire).collect(Collectors.joining(", "));
	}

}

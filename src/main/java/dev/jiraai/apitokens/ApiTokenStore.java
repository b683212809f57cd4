package dev.jiraai.apitokens;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.jiraai.tenancy.SiteDataPurgeDue;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The tokens, their per-minute request counters and the sites' switch, in PostgreSQL:
 * every instance of the app reads and counts the same rows. Every query names the site
 * except the lookup by prefix, which is how a bearer token finds its site.
 */
@Repository
class ApiTokenStore {

	private static final String COLUMNS = """
			id, client_key, account_id, name, prefix, token_hash, scopes, created_at, expires_at, last_used_at,
			revoked_at, revoked_by""";

	private final JdbcClient jdbc;

	ApiTokenStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** A stored token, with its hash. */
	record Row(UUID id, String clientKey, String accountId, String name, String prefix, byte[] hash,
			List<ApiTokenScope> scopes, Instant createdAt, Instant expiresAt, Instant lastUsedAt, Instant revokedAt,
			String revokedBy) {

		ApiToken view(Instant now) {
			return new ApiToken(this.id, this.accountId, this.name, this.prefix, this.scopes,
					ApiToken.status(now, this.expiresAt, this.revokedAt), this.createdAt, this.expiresAt,
					this.lastUsedAt, this.revokedAt, this.revokedBy);
		}

		boolean usable(Instant now) {
			return this.revokedAt == null && now.isBefore(this.expiresAt);
		}

	}

	void insert(Row row) {
		this.jdbc.sql("INSERT INTO api_token (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, NULL)")
			.params(row.id(), row.clientKey(), row.accountId(), row.name(), row.prefix(), row.hash(),
					row.scopes().stream().map(ApiTokenScope::wire).toArray(String[]::new), utc(row.createdAt()),
					utc(row.expiresAt()))
			.update();
	}

	Optional<Row> byPrefix(String prefix) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM api_token WHERE prefix = ?")
			.param(prefix)
			.query(ApiTokenStore::row)
			.optional();
	}

	Optional<Row> byId(String clientKey, UUID id) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM api_token WHERE client_key = ? AND id = ?")
			.params(clientKey, id)
			.query(ApiTokenStore::row)
			.optional();
	}

	/** A site's tokens, or one owner's when {@code accountId} is given, newest first. */
	List<Row> list(String clientKey, String accountId) {
		return this.jdbc.sql("SELECT " + COLUMNS + """
				 FROM api_token WHERE client_key = :site AND (CAST(:owner AS VARCHAR) IS NULL OR account_id = :owner)
				ORDER BY created_at DESC, id
				""").param("site", clientKey).param("owner", accountId).query(ApiTokenStore::row).list();
	}

	int countActive(String clientKey, String accountId, Instant now) {
		return this.jdbc.sql("""
				SELECT count(*) FROM api_token
				WHERE client_key = ? AND account_id = ? AND revoked_at IS NULL AND expires_at > ?
				""").params(clientKey, accountId, utc(now)).query(Integer.class).single();
	}

	/** Revokes a token that is not revoked yet; whether this call revoked it. */
	boolean revoke(String clientKey, UUID id, String by, Instant at) {
		return this.jdbc.sql("""
				UPDATE api_token SET revoked_at = ?, revoked_by = ?
				WHERE client_key = ? AND id = ? AND revoked_at IS NULL
				""").params(utc(at), by, clientKey, id).update() == 1;
	}

	/**
	 * Counts a request of the token in the minute that starts at {@code minute}.
	 * @return the requests of that minute, this one included
	 */
	int countRequest(UUID tokenId, Instant minute) {
		// One statement: concurrent requests on several instances each get their own
		// count.
		return this.jdbc.sql("""
				INSERT INTO api_token_usage (token_id, minute, requests) VALUES (?, ?, 1)
				ON CONFLICT (token_id, minute) DO UPDATE SET requests = api_token_usage.requests + 1
				RETURNING requests
				""").params(tokenId, utc(minute)).query(Integer.class).single();
	}

	/** Marks the token used and drops its counters of earlier minutes. */
	void used(UUID tokenId, Instant minute) {
		this.jdbc.sql("UPDATE api_token SET last_used_at = ? WHERE id = ?").params(utc(minute), tokenId).update();
		this.jdbc.sql("DELETE FROM api_token_usage WHERE token_id = ? AND minute < ?")
			.params(tokenId, utc(minute))
			.update();
	}

	/** Whether tokens may be created and used on the site (no row: they may). */
	boolean enabled(String clientKey) {
		return this.jdbc.sql("SELECT enabled FROM api_token_settings WHERE client_key = ?")
			.param(clientKey)
			.query(Boolean.class)
			.optional()
			.orElse(true);
	}

	void setEnabled(String clientKey, boolean enabled, String by, Instant at) {
		this.jdbc.sql("""
				INSERT INTO api_token_settings (client_key, enabled, updated_at, updated_by) VALUES (?, ?, ?, ?)
				ON CONFLICT (client_key) DO UPDATE
				    SET enabled = EXCLUDED.enabled, updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by
				""").params(clientKey, enabled, utc(at), by).update();
	}

	/*
	 * Inside the purge transaction: a failure here rolls the purge back for a later try.
	 */
	@EventListener
	void on(SiteDataPurgeDue event) {
		// The counters go with their tokens (ON DELETE CASCADE).
		this.jdbc.sql("DELETE FROM api_token WHERE client_key = ?").param(event.clientKey()).update();
		this.jdbc.sql("DELETE FROM api_token_settings WHERE client_key = ?").param(event.clientKey()).update();
	}

	private static Row row(ResultSet rs, int rowNumber) throws SQLException {
		Array scopes = rs.getArray("scopes");
		return new Row(rs.getObject("id", UUID.class), rs.getString("client_key"), rs.getString("account_id"),
				rs.getString("name"), rs.getString("prefix"), rs.getBytes("token_hash"),
				Arrays.stream((String[]) scopes.getArray()).map(ApiTokenScope::of).toList(), instant(rs, "created_at"),
				instant(rs, "expires_at"), instant(rs, "last_used_at"), instant(rs, "revoked_at"),
				rs.getString("revoked_by"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return (value == null) ? null : value.toInstant();
	}

	private static OffsetDateTime utc(Instant instant) {
		return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
	}

}

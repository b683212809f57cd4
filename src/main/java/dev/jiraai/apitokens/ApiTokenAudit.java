package dev.jiraai.apitokens;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Writes what happens to tokens into the app's audit log ({@code audit_log}, the table
 * the confirm module writes carried-out proposals to): created, revoked, used (once per
 * minute in which the token is used, with the endpoint of that minute's first request),
 * and the site's switch. The target is the token's prefix, never its secret.
 */
@Component
class ApiTokenAudit {

	private static final String FEATURE = "api-tokens";

	private final JdbcClient jdbc;

	ApiTokenAudit(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void record(String clientKey, String accountId, String kind, String target, String summary, Instant at) {
		this.jdbc.sql("""
				INSERT INTO audit_log (client_key, account_id, feature, kind, target, summary, created_at)
				VALUES (?, ?, ?, ?, ?, ?, ?)
				""")
			.params(clientKey, accountId, FEATURE, kind, target, summary, OffsetDateTime.ofInstant(at, ZoneOffset.UTC))
			.update();
	}

}

package dev.jiraai.privacy;

import java.time.OffsetDateTime;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Every place the app keeps an Atlassian account id, read and erased in one class so the
 * list of tables is written down once (docs/privacy.md describes it; a test compares it
 * with the schema).
 * <p>
 * The tables belong to other modules; this class speaks SQL to them rather than through
 * their APIs because erasure has to cover all of them in one transaction.
 */
@Component
class StoredAccounts {

	/**
	 * Table and column pairs holding an account id whose rows are the user's own: erased
	 * by deleting them.
	 */
	static final List<String> DELETED_COLUMNS = List.of("proposal.account_id", "llm_usage_daily.account_id",
			"ai_task.account_id", "ai_conversation_message.account_id", "chat_conversation.account_id",
			"standup.account_id", "standup_snooze.account_id", "chat_standup_flow.account_id", "api_token.account_id");

	/**
	 * Table and column pairs holding an account id in shared rows: erased by clearing the
	 * column.
	 */
	static final List<String> CLEARED_COLUMNS = List.of("audit_log.account_id", "assessment.account_id",
			"llm_usage.account_id", "site_ai_settings.updated_by", "prompt_override.updated_by",
			"chat_settings.updated_by", "api_token.revoked_by", "api_token_settings.updated_by",
			"site_features.updated_by");

	/**
	 * Every table and column pair holding an account id, as checked against the schema.
	 */
	static final List<String> ACCOUNT_COLUMNS = java.util.stream.Stream
		.concat(DELETED_COLUMNS.stream(), CLEARED_COLUMNS.stream())
		.toList();

	private final JdbcClient jdbc;

	StoredAccounts(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * The accounts a site's data mentions, each with its latest change, by account id.
	 */
	List<StoredAccount> of(String clientKey) {
		return this.jdbc.sql("""
				SELECT account_id, MAX(changed_at) AS updated_at FROM (
				    SELECT account_id, updated_at AS changed_at FROM proposal WHERE client_key = :site
				    UNION ALL SELECT account_id, created_at FROM audit_log WHERE client_key = :site
				    UNION ALL SELECT account_id, created_at FROM assessment WHERE client_key = :site
				    UNION ALL SELECT account_id, created_at FROM llm_usage WHERE client_key = :site
				    UNION ALL SELECT account_id, updated_at FROM llm_usage_daily
				        WHERE client_key = :site AND account_id <> ''
				    UNION ALL SELECT account_id, updated_at FROM ai_task WHERE client_key = :site
				    UNION ALL SELECT account_id, created_at FROM ai_conversation_message WHERE client_key = :site
				    UNION ALL SELECT account_id, updated_at FROM chat_conversation WHERE client_key = :site
				    UNION ALL SELECT account_id, updated_at FROM standup WHERE client_key = :site
				    UNION ALL SELECT account_id, snooze_date::timestamptz FROM standup_snooze WHERE client_key = :site
				    UNION ALL SELECT account_id, updated_at FROM chat_standup_flow WHERE client_key = :site
				    UNION ALL SELECT updated_by, updated_at FROM site_ai_settings WHERE client_key = :site
				    UNION ALL SELECT updated_by, updated_at FROM prompt_override WHERE client_key = :site
				    UNION ALL SELECT updated_by, updated_at FROM chat_settings WHERE client_key = :site
				    UNION ALL SELECT account_id, COALESCE(last_used_at, created_at) FROM api_token
				        WHERE client_key = :site
				    UNION ALL SELECT revoked_by, revoked_at FROM api_token WHERE client_key = :site
				    UNION ALL SELECT updated_by, updated_at FROM api_token_settings WHERE client_key = :site
				    UNION ALL SELECT updated_by, updated_at FROM site_features WHERE client_key = :site
				) mentions
				WHERE account_id IS NOT NULL
				GROUP BY account_id
				ORDER BY account_id
				""")
			.param("site", clientKey)
			.query((rs, row) -> new StoredAccount(rs.getString("account_id"),
					rs.getObject("updated_at", OffsetDateTime.class).toInstant()))
			.list();
	}

	/**
	 * Erases what a site's data holds about a closed account: the user's own records
	 * (proposals, which carry what they asked for, the user's daily token counters, their
	 * stand-ups and snoozes) are deleted; shared records keep their content without the
	 * account (an assessment is about the issue, usage counts towards the site's budget,
	 * which has a counter of its own, the audit log says what the app wrote to Jira,
	 * settings stay in force).
	 */
	@Transactional
	void erase(String clientKey, String accountId) {
		for (String column : DELETED_COLUMNS) {
			this.jdbc.sql("DELETE FROM %s WHERE client_key = ? AND %s = ?".formatted(table(column), name(column)))
				.params(clientKey, accountId)
				.update();
		}
		for (String column : CLEARED_COLUMNS) {
			String name = name(column);
			this.jdbc
				.sql("UPDATE %s SET %s = NULL WHERE client_key = ? AND %s = ?".formatted(table(column), name, name))
				.params(clientKey, accountId)
				.update();
		}
	}

	private static String table(String column) {
		return column.substring(0, column.indexOf('.'));
	}

	private static String name(String column) {
		return column.substring(column.indexOf('.') + 1);
	}

}

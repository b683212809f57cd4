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

	/** Table and column pairs holding an account id, as checked against the schema. */
	static final List<String> ACCOUNT_COLUMNS = List.of("proposal.account_id", "audit_log.account_id",
			"assessment.account_id", "llm_usage.account_id", "site_ai_settings.updated_by",
			"prompt_override.updated_by");

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
				    UNION ALL SELECT updated_by, updated_at FROM site_ai_settings WHERE client_key = :site
				    UNION ALL SELECT updated_by, updated_at FROM prompt_override WHERE client_key = :site
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
	 * (proposals, which carry what they asked for) are deleted; shared records keep their
	 * content without the account (an assessment is about the issue, usage counts towards
	 * the site's budget, the audit log says what the app wrote to Jira, settings stay in
	 * force).
	 */
	@Transactional
	void erase(String clientKey, String accountId) {
		this.jdbc.sql("DELETE FROM proposal WHERE client_key = ? AND account_id = ?")
			.params(clientKey, accountId)
			.update();
		for (String column : ACCOUNT_COLUMNS.subList(1, ACCOUNT_COLUMNS.size())) {
			String table = column.substring(0, column.indexOf('.'));
			String name = column.substring(column.indexOf('.') + 1);
			this.jdbc.sql("UPDATE %s SET %s = NULL WHERE client_key = ? AND %s = ?".formatted(table, name, name))
				.params(clientKey, accountId)
				.update();
		}
	}

}

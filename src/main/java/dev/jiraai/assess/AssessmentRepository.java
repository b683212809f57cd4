package dev.jiraai.assess;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jiraai.tenancy.SiteDataPurgeDue;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Stored assessments, always by site.
 */
@Repository
class AssessmentRepository {

	private final JdbcClient jdbc;

	private final ObjectMapper json;

	AssessmentRepository(JdbcClient jdbc, ObjectMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	/**
	 * What an assessment was made from: the same key means the same answer can be reused.
	 */
	record Key(String clientKey, String issueId, OffsetDateTime issueUpdated, String promptHash, String model) {
	}

	void save(Key key, String promptId, String accountId, Assessment assessment) {
		this.jdbc.sql("""
				INSERT INTO assessment (id, client_key, issue_id, issue_key, issue_updated, prompt_id, prompt_version,
				    prompt_hash, model, account_id, overall, result, created_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?)
				""")
			.params(assessment.id(), key.clientKey(), key.issueId(), assessment.issueKey(),
					key.issueUpdated().withOffsetSameInstant(ZoneOffset.UTC), promptId, assessment.promptVersion(),
					key.promptHash(), key.model(), accountId, assessment.scores().overall(), write(assessment),
					assessment.createdAt().atOffset(ZoneOffset.UTC))
			.update();
	}

	Optional<Assessment> latest(Key key) {
		return this.jdbc.sql("""
				SELECT result FROM assessment WHERE client_key = ? AND issue_id = ? AND issue_updated = ?
				    AND prompt_hash = ? AND model = ?
				ORDER BY created_at DESC LIMIT 1
				""")
			.params(key.clientKey(), key.issueId(), key.issueUpdated().withOffsetSameInstant(ZoneOffset.UTC),
					key.promptHash(), key.model())
			.query(this::assessment)
			.optional();
	}

	List<Assessment> history(String clientKey, String issueId, int limit) {
		return this.jdbc.sql("""
				SELECT result FROM assessment WHERE client_key = ? AND issue_id = ? ORDER BY created_at DESC LIMIT ?
				""").params(clientKey, issueId, limit).query(this::assessment).list();
	}

	Optional<Assessment> find(String clientKey, UUID id) {
		return this.jdbc.sql("SELECT result FROM assessment WHERE client_key = ? AND id = ?")
			.params(clientKey, id)
			.query(this::assessment)
			.optional();
	}

	@EventListener
	void on(SiteDataPurgeDue event) {
		this.jdbc.sql("DELETE FROM assessment WHERE client_key = ?").param(event.clientKey()).update();
	}

	private Assessment assessment(ResultSet rs, int row) throws SQLException {
		try {
			return this.json.readValue(rs.getString("result"), Assessment.class);
		}
		catch (JsonProcessingException ex) {
			throw new SQLException("Unreadable stored assessment", ex);
		}
	}

	private String write(Assessment assessment) {
		try {
			return this.json.writeValueAsString(assessment);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
	}

}

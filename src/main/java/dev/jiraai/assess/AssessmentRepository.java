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
				    prompt_hash, model, account_id, overall, result, created_at, score_property_pending)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, TRUE)
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

	/**
	 * The newest assessment of an issue by its key, with what it was made from, to tell
	 * from the issue's version alone whether it still applies.
	 */
	Optional<Stored> newest(String clientKey, String issueKey) {
		return this.jdbc.sql("""
				SELECT issue_id, issue_updated, prompt_hash, model, result FROM assessment
				WHERE client_key = ? AND issue_key = ? ORDER BY created_at DESC LIMIT 1
				""")
			.params(clientKey, issueKey)
			.query((rs,
					row) -> new Stored(new Key(clientKey, rs.getString("issue_id"),
							rs.getObject("issue_updated", OffsetDateTime.class), rs.getString("prompt_hash"),
							rs.getString("model")), assessment(rs, row)))
			.optional();
	}

	/** A stored assessment and its key. */
	record Stored(Key key, Assessment assessment) {
	}

	/** An assessment whose score property Jira has not taken yet. */
	record PendingScore(String clientKey, String issueKey, Assessment assessment) {
	}

	/**
	 * Claims assessments whose score property is still to be written, oldest first, for
	 * the calling transaction (instances skip each other's claims). An older assessment
	 * of an issue with a newer one is settled first: only the newest score belongs on the
	 * issue.
	 */
	List<PendingScore> claimPendingScores(OffsetDateTime createdBefore, int limit) {
		this.jdbc.sql("""
				UPDATE assessment a SET score_property_pending = FALSE
				WHERE a.score_property_pending AND EXISTS (SELECT 1 FROM assessment b
				    WHERE b.client_key = a.client_key AND b.issue_id = a.issue_id AND b.created_at > a.created_at)
				""").update();
		return this.jdbc.sql("""
				SELECT client_key, issue_key, result FROM assessment
				WHERE score_property_pending AND created_at < ?
				ORDER BY created_at LIMIT ? FOR UPDATE SKIP LOCKED
				""")
			.params(createdBefore, limit)
			.query((rs, row) -> new PendingScore(rs.getString("client_key"), rs.getString("issue_key"),
					assessment(rs, row)))
			.list();
	}

	/** Jira has the assessment's score property (or it no longer should get it). */
	void scoreSettled(String clientKey, UUID id) {
		this.jdbc.sql("UPDATE assessment SET score_property_pending = FALSE WHERE client_key = ? AND id = ?")
			.params(clientKey, id)
			.update();
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

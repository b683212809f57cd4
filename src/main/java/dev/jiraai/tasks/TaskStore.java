package dev.jiraai.tasks;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The task tables ({@code ai_task}, {@code ai_task_event}, {@code ai_task_step}) in SQL.
 * Every change of state is conditional on the state it leaves, so a cancel and a finish
 * that race, or two instances that both think they run a task, cannot overwrite each
 * other: the first one wins and the other sees that it did not.
 */
@Repository
class TaskStore {

	private final JdbcClient jdbc;

	private final ObjectMapper json;

	TaskStore(JdbcClient jdbc, ObjectMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	/**
	 * A task's row.
	 *
	 * @param forgeUserToken the encrypted Forge user token, while a step may need it
	 */
	record Row(UUID id, String clientKey, String accountId, String kind, JsonNode input, TaskStatus status,
			String stage, String message, JsonNode result, JsonNode problem, String channel, String forgeApiBaseUrl,
			String forgeUserToken, Instant forgeTokenExpiresAt, Instant createdAt, Instant updatedAt,
			List<JsonNode> decisions) {
	}

	/** Who a task acts for, as stored. */
	record Identity(String channel, String forgeApiBaseUrl, String forgeUserToken, Instant forgeTokenExpiresAt) {
	}

	void insert(UUID id, String clientKey, String accountId, String kind, JsonNode input, Identity identity,
			Instant now) {
		this.jdbc.sql("""
				INSERT INTO ai_task (id, client_key, account_id, kind, input, status, channel, forge_api_base_url,
				    forge_user_token, forge_token_expires_at, created_at, updated_at)
				VALUES (?, ?, ?, ?, CAST(? AS jsonb), 'processing', ?, ?, ?, ?, ?, ?)
				""")
			.params(id, clientKey, accountId, kind, write(input), identity.channel(), identity.forgeApiBaseUrl(),
					identity.forgeUserToken(), utc(identity.forgeTokenExpiresAt()), utc(now), utc(now))
			.update();
	}

	Optional<Row> find(UUID id) {
		return this.jdbc.sql("SELECT * FROM ai_task WHERE id = ?").param(id).query(this::row).optional();
	}

	/** The task, when it belongs to this user on this site. */
	Optional<Row> findOwned(UUID id, String clientKey, String accountId) {
		return this.jdbc.sql("SELECT * FROM ai_task WHERE id = ? AND client_key = ? AND account_id = ?")
			.params(id, clientKey, accountId)
			.query(this::row)
			.optional();
	}

	/**
	 * Serialises task starts of one site until the transaction ends, so the count of its
	 * running tasks cannot be raced past the limit by two instances.
	 */
	void lockSite(String clientKey) {
		this.jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('ai_task:' || ?))").param(clientKey).query().singleRow();
	}

	int running(String clientKey) {
		return this.jdbc.sql("SELECT count(*) FROM ai_task WHERE client_key = ? AND status = 'processing'")
			.param(clientKey)
			.query(Integer.class)
			.single();
	}

	boolean progress(UUID id, String stage, String message, Instant now) {
		return this.jdbc
			.sql("UPDATE ai_task SET stage = ?, message = ?, updated_at = ? WHERE id = ? AND status = 'processing'")
			.params(stage, message, utc(now), id)
			.update() == 1;
	}

	/**
	 * Ends a running task: completed with a result, or failed with a problem. Forgets the
	 * Forge user token.
	 * @return false when the task was no longer running (cancelled meanwhile)
	 */
	boolean finish(UUID id, TaskStatus status, JsonNode result, JsonNode problem, Instant now) {
		return this.jdbc.sql("""
				UPDATE ai_task SET status = ?, result = CAST(? AS jsonb), problem = CAST(? AS jsonb),
				    forge_user_token = NULL, forge_token_expires_at = NULL, updated_at = ?, finished_at = ?
				WHERE id = ? AND status = 'processing'
				""").params(status.value(), write(result), write(problem), utc(now), utc(now), id).update() == 1;
	}

	/**
	 * Pauses a running task until its user resumes it, showing {@code awaiting} as its
	 * pending result (or none); forgets the Forge user token.
	 */
	boolean waitForUser(UUID id, String message, JsonNode awaiting, Instant now) {
		return this.jdbc.sql("""
				UPDATE ai_task SET status = 'waiting_confirmation', stage = 'waiting', message = ?,
				    result = CAST(? AS jsonb), forge_user_token = NULL, forge_token_expires_at = NULL, updated_at = ?
				WHERE id = ? AND status = 'processing'
				""").params(message, write(awaiting), utc(now), id).update() == 1;
	}

	/**
	 * Runs a waiting task again as the user who resumed it, with their decision (if any)
	 * added to its decisions.
	 */
	boolean resume(UUID id, Identity identity, JsonNode decision, Instant now) {
		return this.jdbc.sql("""
				UPDATE ai_task SET status = 'processing', stage = 'resumed', message = ?, channel = ?,
				    forge_api_base_url = ?, forge_user_token = ?, forge_token_expires_at = ?, updated_at = ?,
				    result = NULL,
				    decisions = CASE WHEN CAST(? AS jsonb) IS NULL THEN decisions
				                     ELSE decisions || jsonb_build_array(CAST(? AS jsonb)) END
				WHERE id = ? AND status = 'waiting_confirmation'
				""")
			.params("Continuing…", identity.channel(), identity.forgeApiBaseUrl(), identity.forgeUserToken(),
					utc(identity.forgeTokenExpiresAt()), utc(now), write(decision), write(decision), id)
			.update() == 1;
	}

	/** Cancels a task that has not finished; forgets the Forge user token. */
	boolean cancel(UUID id, Instant now) {
		return this.jdbc.sql("""
				UPDATE ai_task SET status = 'cancelled', stage = 'cancelled', message = 'Cancelled',
				    forge_user_token = NULL, forge_token_expires_at = NULL, updated_at = ?, finished_at = ?
				WHERE id = ? AND status IN ('processing', 'waiting_confirmation')
				""").params(utc(now), utc(now), id).update() == 1;
	}

	Optional<TaskStatus> status(UUID id) {
		return this.jdbc.sql("SELECT status FROM ai_task WHERE id = ?")
			.param(id)
			.query(String.class)
			.optional()
			.map(TaskStatus::of);
	}

	/** Those of {@code ids} that were cancelled (by any instance). */
	List<UUID> cancelledAmong(Collection<UUID> ids) {
		if (ids.isEmpty()) {
			return List.of();
		}
		return this.jdbc.sql("SELECT id FROM ai_task WHERE id = ANY(?) AND status = 'cancelled'")
			.param(ids.toArray(UUID[]::new))
			.query(UUID.class)
			.list();
	}

	/**
	 * Appends events; an id already taken (by a cancel from another instance) is left as
	 * it was.
	 */
	void append(UUID id, List<TaskEvent> events, Instant now) {
		for (TaskEvent event : events) {
			this.jdbc
				.sql("""
						INSERT INTO ai_task_event (task_id, seq, name, data, created_at) VALUES (?, ?, ?, CAST(? AS jsonb), ?)
						ON CONFLICT (task_id, seq) DO NOTHING
						""")
				.params(id, event.seq(), event.name(), write(event.data()), utc(now))
				.update();
		}
	}

	/**
	 * Appends an event after the last one stored (for an instance not running the task).
	 */
	void appendLast(UUID id, String name, JsonNode data, Instant now) {
		this.jdbc.sql("""
				INSERT INTO ai_task_event (task_id, seq, name, data, created_at)
				SELECT ?, COALESCE(MAX(seq), 0) + 1, ?, CAST(? AS jsonb), ? FROM ai_task_event WHERE task_id = ?
				""").params(id, name, write(data), utc(now), id).update();
	}

	/** The events after {@code afterSeq}, in order. */
	List<TaskEvent> events(UUID id, long afterSeq) {
		return this.jdbc.sql("SELECT seq, name, data FROM ai_task_event WHERE task_id = ? AND seq > ? ORDER BY seq")
			.params(id, afterSeq)
			.query((rs, n) -> new TaskEvent(rs.getLong("seq"), rs.getString("name"), read(rs.getString("data"))))
			.list();
	}

	long lastSeq(UUID id) {
		return this.jdbc.sql("SELECT COALESCE(MAX(seq), 0) FROM ai_task_event WHERE task_id = ?")
			.param(id)
			.query(Long.class)
			.single();
	}

	/** The model's text so far, as stored. */
	String text(UUID id) {
		return this.jdbc.sql("""
				SELECT COALESCE(string_agg(data ->> 'delta', '' ORDER BY seq), '') FROM ai_task_event
				WHERE task_id = ? AND name = 'text'
				""").param(id).query(String.class).single();
	}

	Optional<JsonNode> step(UUID id, String name) {
		return this.jdbc.sql("SELECT value FROM ai_task_step WHERE task_id = ? AND name = ?")
			.params(id, name)
			.query(String.class)
			.optional()
			.map(this::read);
	}

	void saveStep(UUID id, String name, JsonNode value, Instant now) {
		this.jdbc.sql("""
				INSERT INTO ai_task_step (task_id, name, value, created_at) VALUES (?, ?, CAST(? AS jsonb), ?)
				ON CONFLICT (task_id, name) DO NOTHING
				""").params(id, name, write(value), utc(now)).update();
	}

	/**
	 * Deletes the events of tasks finished before {@code eventsBefore} and the tasks
	 * finished before {@code tasksBefore}.
	 */
	int cleanUp(Instant eventsBefore, Instant tasksBefore) {
		this.jdbc.sql("""
				DELETE FROM ai_task_event e USING ai_task t
				WHERE e.task_id = t.id AND t.finished_at < ?
				""").param(utc(eventsBefore)).update();
		return this.jdbc.sql("DELETE FROM ai_task WHERE finished_at < ?").param(utc(tasksBefore)).update();
	}

	void deleteSite(String clientKey) {
		this.jdbc.sql("DELETE FROM ai_task WHERE client_key = ?").param(clientKey).update();
	}

	private Row row(ResultSet rs, int rowNum) throws SQLException {
		return new Row(rs.getObject("id", UUID.class), rs.getString("client_key"), rs.getString("account_id"),
				rs.getString("kind"), read(rs.getString("input")), TaskStatus.of(rs.getString("status")),
				rs.getString("stage"), rs.getString("message"), read(rs.getString("result")),
				read(rs.getString("problem")), rs.getString("channel"), rs.getString("forge_api_base_url"),
				rs.getString("forge_user_token"), instant(rs.getTimestamp("forge_token_expires_at")),
				instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("updated_at")),
				decisions(read(rs.getString("decisions"))));
	}

	private static List<JsonNode> decisions(JsonNode array) {
		List<JsonNode> decisions = new java.util.ArrayList<>();
		if (array != null) {
			array.forEach(decisions::add);
		}
		return List.copyOf(decisions);
	}

	private String write(JsonNode node) {
		if (node == null) {
			return null;
		}
		try {
			return this.json.writeValueAsString(node);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private JsonNode read(String text) {
		if (text == null) {
			return null;
		}
		try {
			return this.json.readTree(text);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("A task column holds invalid JSON", ex);
		}
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
	}

	private static Instant instant(Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}

}

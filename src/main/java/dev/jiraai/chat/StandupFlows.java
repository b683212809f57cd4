package dev.jiraai.chat;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jiraai.tenancy.SiteDataPurgeDue;
import dev.jiraai.tenancy.SiteUser;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Where each user's stand-up in the chat stands ({@code chat_standup_flow}): one row per
 * site, user and date, moved by one chat task at a time.
 */
@Component
class StandupFlows {

	private final JdbcClient jdbc;

	private final ObjectMapper json;

	private final Clock clock;

	StandupFlows(JdbcClient jdbc, ObjectMapper json, Optional<Clock> clock) {
		this.jdbc = jdbc;
		this.json = json;
		this.clock = clock.orElseGet(Clock::systemUTC);
	}

	/**
	 * A stand-up in the chat.
	 *
	 * @param date the user's date it is for
	 * @param answered how many questions are answered
	 * @param answers the answers so far, by question id
	 * @param kept the issue keys of suggestions the user took
	 * @param deferred what the user asked before the stand-up started
	 * @param lastTask the chat task that moved it last
	 * @param lastTurn what that task answered, or {@code null} while it was still at it
	 */
	record Flow(LocalDate date, int answered, ObjectNode answers, List<String> kept, String deferred, UUID lastTask,
			JsonNode lastTurn) {

		/** The flow as this task moves it on. */
		Flow next(UUID task, int answered, ObjectNode answers, List<String> kept) {
			return new Flow(this.date, answered, answers, kept, this.deferred, task, null);
		}

	}

	/** The user's latest flow, of whatever date. */
	Optional<Flow> latest(SiteUser user) {
		return this.jdbc.sql("""
				SELECT flow_date, answered, answers, kept_issue_keys, deferred_message, last_task_id, last_turn
				FROM chat_standup_flow WHERE client_key = ? AND account_id = ?
				ORDER BY flow_date DESC LIMIT 1
				""").params(user.site().clientKey(), user.accountId()).query((rs, row) -> {
			List<String> kept = new ArrayList<>();
			read(rs.getString("kept_issue_keys")).forEach(key -> kept.add(key.asText()));
			String lastTurn = rs.getString("last_turn");
			return new Flow(rs.getObject("flow_date", LocalDate.class), rs.getInt("answered"),
					(ObjectNode) read(rs.getString("answers")), List.copyOf(kept), rs.getString("deferred_message"),
					rs.getObject("last_task_id", UUID.class), lastTurn == null ? null : read(lastTurn));
		}).optional();
	}

	/** Stores the flow as it is now (a new one, or one moved on). */
	void save(SiteUser user, Flow flow) {
		this.jdbc.sql("""
				INSERT INTO chat_standup_flow (client_key, account_id, flow_date, answered, answers, kept_issue_keys,
				    deferred_message, last_task_id, last_turn, updated_at)
				VALUES (?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?::jsonb, ?)
				ON CONFLICT (client_key, account_id, flow_date) DO UPDATE SET answered = EXCLUDED.answered,
				    answers = EXCLUDED.answers, kept_issue_keys = EXCLUDED.kept_issue_keys,
				    last_task_id = EXCLUDED.last_task_id, last_turn = EXCLUDED.last_turn,
				    updated_at = EXCLUDED.updated_at
				""")
			.params(user.site().clientKey(), user.accountId(), flow.date(), flow.answered(), write(flow.answers()),
					write(this.json.valueToTree(flow.kept())), flow.deferred(), flow.lastTask(),
					flow.lastTurn() == null ? null : write(flow.lastTurn()),
					OffsetDateTime.now(this.clock).withOffsetSameInstant(ZoneOffset.UTC))
			.update();
	}

	/** Records what the task that moved the flow answered. */
	void answered(SiteUser user, LocalDate date, UUID task, JsonNode turn) {
		this.jdbc.sql("""
				UPDATE chat_standup_flow SET last_turn = ?::jsonb
				WHERE client_key = ? AND account_id = ? AND flow_date = ? AND last_task_id = ?
				""").params(write(turn), user.site().clientKey(), user.accountId(), date, task).update();
	}

	/**
	 * Drops the flows of an earlier date than this one: they can no longer be finished.
	 */
	void forgetBefore(SiteUser user, LocalDate date) {
		this.jdbc.sql("DELETE FROM chat_standup_flow WHERE client_key = ? AND account_id = ? AND flow_date < ?")
			.params(user.site().clientKey(), user.accountId(), date)
			.update();
	}

	@EventListener
	void on(SiteDataPurgeDue event) {
		this.jdbc.sql("DELETE FROM chat_standup_flow WHERE client_key = ?").param(event.clientKey()).update();
	}

	private JsonNode read(String text) {
		try {
			return this.json.readTree(text);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("Unreadable stand-up flow", ex);
		}
	}

	private String write(JsonNode node) {
		return node.toString();
	}

}

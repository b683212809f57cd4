package dev.jiraai.chat;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import dev.jiraai.ai.ConversationHistory;
import dev.jiraai.ai.ConversationId;
import dev.jiraai.problem.DescribedProblem;
import dev.jiraai.problem.ProblemType;
import dev.jiraai.tenancy.SiteDataPurgeDue;
import dev.jiraai.tenancy.SiteUser;

import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The user's conversations with the assistant: titles and the running summary here
 * ({@code chat_conversation}), messages in the AI module's history. Always one user's on
 * one site: another user's conversation is not found.
 */
@Service
class Conversations {

	private static final int TITLE_LENGTH = 60;

	private final JdbcClient jdbc;

	private final ConversationHistory history;

	private final Clock clock;

	Conversations(JdbcClient jdbc, ConversationHistory history, Optional<Clock> clock) {
		this.jdbc = jdbc;
		this.history = history;
		this.clock = clock.orElseGet(Clock::systemUTC);
	}

	/**
	 * A conversation as listed.
	 *
	 * @param id its id
	 * @param title its title (the start of its first message until renamed)
	 * @param createdAt when it started
	 * @param updatedAt when it last changed
	 */
	record Conversation(String id, String title, Instant createdAt, Instant updatedAt) {
	}

	/**
	 * One message of a conversation as the user sees it.
	 *
	 * @param role {@code user} or {@code assistant}
	 * @param text its text (Markdown for the assistant)
	 * @param createdAt when it was kept
	 */
	record Message(String role, String text, Instant createdAt) {
	}

	/** The running summary of turns older than the model's window. */
	record Summary(String text, long upTo) {
	}

	/**
	 * Starts the conversation with this message, or touches it when it exists; a new one
	 * is titled after the message.
	 */
	@Transactional
	void open(SiteUser user, String id, String firstMessage) {
		OffsetDateTime now = now();
		this.jdbc.sql("""
				INSERT INTO chat_conversation (client_key, account_id, id, title, created_at, updated_at)
				VALUES (?, ?, ?, ?, ?, ?)
				ON CONFLICT (client_key, account_id, id) DO UPDATE SET updated_at = EXCLUDED.updated_at
				""").params(user.site().clientKey(), user.accountId(), id, title(firstMessage), now, now).update();
	}

	List<Conversation> list(SiteUser user) {
		return this.jdbc.sql("""
				SELECT id, title, created_at, updated_at FROM chat_conversation
				WHERE client_key = ? AND account_id = ? ORDER BY updated_at DESC, id LIMIT 200
				""").params(user.site().clientKey(), user.accountId()).query(this::conversation).list();
	}

	/**
	 * @throws NotFound when it is not the user's
	 */
	Conversation get(SiteUser user, String id) {
		return this.jdbc.sql("""
				SELECT id, title, created_at, updated_at FROM chat_conversation
				WHERE client_key = ? AND account_id = ? AND id = ?
				""")
			.params(user.site().clientKey(), user.accountId(), id)
			.query(this::conversation)
			.optional()
			.orElseThrow(() -> new NotFound(id));
	}

	/**
	 * @throws NotFound when it is not the user's
	 */
	List<Message> messages(SiteUser user, String id) {
		get(user, id);
		return this.history.entries(conversationId(user, id))
			.stream()
			.map(entry -> new Message(entry.fromUser() ? "user" : "assistant", entry.text(), entry.createdAt()))
			.toList();
	}

	/**
	 * @throws NotFound when it is not the user's
	 */
	Conversation rename(SiteUser user, String id, String title) {
		int renamed = this.jdbc.sql("""
				UPDATE chat_conversation SET title = ?, updated_at = ?
				WHERE client_key = ? AND account_id = ? AND id = ?
				""").params(title.strip(), now(), user.site().clientKey(), user.accountId(), id).update();
		if (renamed == 0) {
			throw new NotFound(id);
		}
		return get(user, id);
	}

	/** Deletes the conversation and its messages. @throws NotFound when not the user's */
	@Transactional
	void delete(SiteUser user, String id) {
		int deleted = this.jdbc.sql("DELETE FROM chat_conversation WHERE client_key = ? AND account_id = ? AND id = ?")
			.params(user.site().clientKey(), user.accountId(), id)
			.update();
		if (deleted == 0) {
			throw new NotFound(id);
		}
		this.history.delete(conversationId(user, id));
	}

	Summary summary(SiteUser user, String id) {
		return this.jdbc.sql("""
				SELECT summary, summarised_upto FROM chat_conversation
				WHERE client_key = ? AND account_id = ? AND id = ?
				""")
			.params(user.site().clientKey(), user.accountId(), id)
			.query((rs, n) -> new Summary(rs.getString(1), rs.getLong(2)))
			.optional()
			.orElse(new Summary(null, 0));
	}

	void summarised(SiteUser user, String id, String summary, long upTo) {
		this.jdbc.sql("""
				UPDATE chat_conversation SET summary = ?, summarised_upto = ?
				WHERE client_key = ? AND account_id = ? AND id = ? AND summarised_upto < ?
				""").params(summary, upTo, user.site().clientKey(), user.accountId(), id, upTo).update();
	}

	static ConversationId conversationId(SiteUser user, String id) {
		return new ConversationId(user.site().clientKey(), user.accountId(), id);
	}

	@EventListener
	void on(SiteDataPurgeDue event) {
		this.jdbc.sql("DELETE FROM chat_conversation WHERE client_key = ?").param(event.clientKey()).update();
	}

	private static String title(String message) {
		String line = message.strip().replaceAll("\\s+", " ");
		return (line.length() <= TITLE_LENGTH) ? line : line.substring(0, TITLE_LENGTH - 1).strip() + "…";
	}

	private Conversation conversation(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
		return new Conversation(rs.getString("id"), rs.getString("title"),
				rs.getObject("created_at", OffsetDateTime.class).toInstant(),
				rs.getObject("updated_at", OffsetDateTime.class).toInstant());
	}

	private OffsetDateTime now() {
		return this.clock.instant().atOffset(ZoneOffset.UTC);
	}

	/** A conversation the user does not have. */
	static final class NotFound extends RuntimeException implements DescribedProblem {

		private static final ProblemType TYPE = new ProblemType(HttpStatus.NOT_FOUND, "conversation-not-found",
				"Conversation not found", "Start a new conversation.");

		NotFound(String id) {
			super("There is no conversation %s of yours; it may have been deleted.".formatted(id));
		}

		@Override
		public ProblemType problemType() {
			return TYPE;
		}

	}

}

package dev.jiraai.ai;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.MessageType;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The text history of a conversation (what the user said and what the assistant
 * answered), in the same table as Spring AI's chat memory ({@link ConversationStore}),
 * for features that run their own turns: appended one message at a time, read back in
 * order, and bounded to a window of tokens for the model.
 */
@Service
public class ConversationHistory {

	private final JdbcClient jdbc;

	ConversationHistory(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * One stored message.
	 *
	 * @param id its place in the conversation (increasing)
	 * @param fromUser whether the user wrote it (else the assistant)
	 * @param text its text
	 * @param createdAt when it was kept
	 */
	public record Entry(long id, boolean fromUser, String text, Instant createdAt) {

		Message message() {
			return this.fromUser ? new UserMessage(this.text) : new AssistantMessage(this.text);
		}

	}

	/** The conversation's messages, oldest first. */
	public List<Entry> entries(ConversationId conversation) {
		return this.jdbc.sql("""
				SELECT id, message_type, content, created_at FROM ai_conversation_message
				WHERE client_key = ? AND account_id = ? AND conversation_id = ?
				  AND message_type IN ('USER', 'ASSISTANT')
				ORDER BY id
				""")
			.params(conversation.clientKey(), conversation.accountId(), conversation.id())
			.query((rs, n) -> new Entry(rs.getLong("id"), MessageType.USER.name().equals(rs.getString("message_type")),
					rs.getString("content"), rs.getObject("created_at", java.time.OffsetDateTime.class).toInstant()))
			.list();
	}

	/**
	 * The newest messages that fit in {@code tokens} (estimated at four characters a
	 * token), oldest first, never splitting a message; with the id of the oldest message
	 * left out, so older turns can be summarised.
	 */
	public Window window(ConversationId conversation, int tokens) {
		List<Entry> entries = entries(conversation);
		int budget = tokens * 4;
		int start = entries.size();
		while (start > 0 && budget - entries.get(start - 1).text().length() >= 0) {
			budget -= entries.get(start - 1).text().length();
			start--;
		}
		// A window starts with the user's words, so the model never reads an answer to a
		// question it cannot see.
		while (start < entries.size() && !entries.get(start).fromUser()) {
			start++;
		}
		return new Window(entries.subList(start, entries.size()), entries.subList(0, start));
	}

	/**
	 * The part of a conversation the model sees, and what is older.
	 *
	 * @param recent the newest messages, oldest first
	 * @param older the messages before them, oldest first
	 */
	public record Window(List<Entry> recent, List<Entry> older) {

		/** The recent messages as the model reads them. */
		public List<Message> messages() {
			return this.recent.stream().map(Entry::message).toList();
		}

	}

	/** Adds what the user said and what the assistant answered to the conversation. */
	public void append(ConversationId conversation, String userText, String answer) {
		Instant now = Instant.now();
		insert(conversation, MessageType.USER, userText, now);
		insert(conversation, MessageType.ASSISTANT, answer, now);
	}

	/**
	 * Adds one message; Spring AI's chat memory ({@link ConversationStore}) writes
	 * through here too.
	 */
	void insert(ConversationId conversation, MessageType type, String text, Instant now) {
		this.jdbc.sql("""
				INSERT INTO ai_conversation_message (client_key, account_id, conversation_id, message_type, content,
				    created_at)
				VALUES (?, ?, ?, ?, ?, ?)
				""")
			.params(conversation.clientKey(), conversation.accountId(), conversation.id(), type.name(), text,
					now.atOffset(ZoneOffset.UTC))
			.update();
	}

	/** Deletes the conversation's messages. */
	public void delete(ConversationId conversation) {
		this.jdbc
			.sql("DELETE FROM ai_conversation_message WHERE client_key = ? AND account_id = ? AND conversation_id = ?")
			.params(conversation.clientKey(), conversation.accountId(), conversation.id())
			.update();
	}

}

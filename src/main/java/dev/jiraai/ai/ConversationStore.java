package dev.jiraai.ai;

import java.time.Instant;
import java.util.List;

import dev.jiraai.tenancy.SiteDataPurgeDue;

import org.springframework.ai.chat.memory.ChatMemoryRepository;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.MessageType;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Conversation histories in PostgreSQL ({@code ai_conversation_message}), keyed by site,
 * user and conversation, for Spring AI's chat memory. Text messages only: what a user
 * said and what the model answered (tool calls and their results stay in the call that
 * made them).
 */
@Repository
class ConversationStore implements ChatMemoryRepository {

	private final JdbcClient jdbc;

	private final ConversationHistory history;

	ConversationStore(JdbcClient jdbc, ConversationHistory history) {
		this.jdbc = jdbc;
		this.history = history;
	}

	@Override
	public List<String> findConversationIds() {
		return this.jdbc.sql("SELECT DISTINCT client_key, account_id, conversation_id FROM ai_conversation_message")
			.query((rs, n) -> new ConversationId(rs.getString(1), rs.getString(2), rs.getString(3)).key())
			.list();
	}

	@Override
	public List<Message> findByConversationId(String conversationKey) {
		ConversationId id = ConversationId.of(conversationKey);
		return this.jdbc.sql("""
				SELECT message_type, content FROM ai_conversation_message
				WHERE client_key = ? AND account_id = ? AND conversation_id = ? ORDER BY id
				""")
			.params(id.clientKey(), id.accountId(), id.id())
			.query((rs, n) -> message(MessageType.valueOf(rs.getString(1)), rs.getString(2)))
			.list();
	}

	@Override
	@Transactional
	public void saveAll(String conversationKey, List<Message> messages) {
		ConversationId id = ConversationId.of(conversationKey);
		deleteByConversationId(conversationKey);
		for (Message message : messages) {
			if (message.getText() == null || !keeps(message.getMessageType())) {
				continue;
			}
			this.history.insert(id, message.getMessageType(), message.getText(), Instant.now());
		}
	}

	@Override
	public void deleteByConversationId(String conversationKey) {
		this.history.delete(ConversationId.of(conversationKey));
	}

	@EventListener
	void on(SiteDataPurgeDue event) {
		this.jdbc.sql("DELETE FROM ai_conversation_message WHERE client_key = ?").param(event.clientKey()).update();
	}

	private static boolean keeps(MessageType type) {
		return type == MessageType.USER || type == MessageType.ASSISTANT || type == MessageType.SYSTEM;
	}

	private static Message message(MessageType type, String text) {
		return switch (type) {
			case USER -> new UserMessage(text);
			case ASSISTANT -> new AssistantMessage(text);
			default -> new SystemMessage(text);
		};
	}

}

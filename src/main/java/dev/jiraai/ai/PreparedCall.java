package dev.jiraai.ai;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import dev.jiraai.tenancy.Site;
import dev.jiraai.tenancy.SiteUser;

import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.prompt.Prompt;

/**
 * One call, ready to send: its prompts and model resolved, its untrusted values masked
 * and its messages rendered. Sent with {@link LlmGateway#call(PreparedCall)} or
 * {@link LlmGateway#stream(PreparedCall)}; nothing is looked up again.
 *
 * @param resolved the prompts and model
 * @param accountId the user the call is for, or {@code null} for background work
 * @param model the site's client for that model
 * @param prompt the rendered messages and options
 * @param masked what was hidden from the model
 * @param tools objects whose {@code @Tool} methods the model may call, acting as
 * {@code actor}
 * @param actor the user tools act as (given to them through the tool context,
 * {@link ToolContexts}), or {@code null} without tools
 * @param conversation the conversation whose history the call continues and adds to, or
 * {@code null} for a call on its own
 */
public record PreparedCall(ResolvedPrompt resolved, String accountId, SiteChatModels.SiteModel model, Prompt prompt,
		Masked masked, List<Object> tools, SiteUser actor, ConversationId conversation) {

	public PreparedCall {
		tools = List.copyOf(tools);
	}

	/**
	 * The same call with tools the model may call; they get {@code actor} (never a
	 * global) through the tool context.
	 */
	public PreparedCall withTools(SiteUser actor, Object... tools) {
		if (!actor.site().clientKey().equals(site().clientKey())) {
			throw new IllegalArgumentException("Tools act for a user of the call's own site");
		}
		return new PreparedCall(this.resolved, this.accountId, this.model, this.prompt, this.masked, List.of(tools),
				actor, this.conversation);
	}

	/**
	 * The same call as the next turn of a conversation of the call's own user: the
	 * history goes before the new messages, and the new exchange is kept.
	 */
	public PreparedCall inConversation(String conversationId) {
		return new PreparedCall(this.resolved, this.accountId, this.model, this.prompt, this.masked, this.tools,
				this.actor, new ConversationId(site().clientKey(), this.accountId, conversationId));
	}

	public Site site() {
		return this.resolved.site();
	}

	public String feature() {
		return this.resolved.feature();
	}

	public PromptTemplate user() {
		return this.resolved.user();
	}

	public String modelName() {
		return this.resolved.model();
	}

	/**
	 * What the answer depends on: the prompt's content hash, the model and a hash of the
	 * rendered messages (the inputs). Two calls with the same fingerprint ask the same.
	 */
	public Fingerprint fingerprint() {
		StringBuilder inputs = new StringBuilder();
		for (Message message : this.prompt.getInstructions()) {
			inputs.append(message.getMessageType().getValue())
				.append('\u0000')
				.append(message.getText())
				.append('\u0001');
		}
		return new Fingerprint(this.resolved.promptHash(), modelName(), sha256(inputs.toString()));
	}

	/**
	 * @param promptHash the user prompt's content hash
	 * @param model the model
	 * @param inputsHash the SHA-256 of the rendered messages
	 */
	public record Fingerprint(String promptHash, String model, String inputsHash) {
	}

	private static String sha256(String text) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}

package dev.jiraai.ai;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A conversation with the model, always one user's on one site: the same id on another
 * site or for another user is another conversation.
 *
 * @param clientKey the site
 * @param accountId the user
 * @param id the conversation's own id (at most 100 characters)
 */
public record ConversationId(String clientKey, String accountId, String id) {

	public ConversationId {
		if (clientKey == null || accountId == null || id == null || id.isBlank() || id.length() > 100) {
			throw new IllegalArgumentException("A conversation needs a site, a user and an id of 1-100 characters");
		}
	}

	/** The key Spring AI's chat memory files it under. */
	String key() {
		return encode(this.clientKey) + "." + encode(this.accountId) + "." + encode(this.id);
	}

	static ConversationId of(String key) {
		String[] parts = key.split("\\.", -1);
		if (parts.length != 3) {
			throw new IllegalArgumentException("Not a conversation key");
		}
		return new ConversationId(decode(parts[0]), decode(parts[1]), decode(parts[2]));
	}

	private static String encode(String part) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(part.getBytes(StandardCharsets.UTF_8));
	}

	private static String decode(String part) {
		return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
	}

}

package dev.jiraai.ai;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jiraai.support.AppTestSupport;
import dev.jiraai.support.SimulatedSite;
import dev.jiraai.tenancy.SiteUser;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Calls can continue a conversation: its history, kept in PostgreSQL per site and user,
 * goes to the model before the new message, and the new exchange is kept for the next
 * turn. The same conversation id of another user or site is another conversation.
 */
class ConversationMemoryTests extends AppTestSupport {

	@Autowired
	private LlmGateway gateway;

	private AiAnswer say(SiteUser user, String conversation, String message) {
		ResolvedPrompt resolved = this.gateway.resolve(user.site(), "chat", "intent_classifier.system",
				"intent_classifier");
		return this.gateway.call(this.gateway
			.prepare(resolved, user.accountId(),
					Map.of("message", message, "projects", "SCRUM Scrum", "today", "2026-12-03"))
			.inConversation(conversation));
	}

	/** The text of every message the model was sent in request {@code index}. */
	private static String sent(int index) {
		StringBuilder text = new StringBuilder();
		for (JsonNode message : openAi.requests().get(index).path("messages")) {
			text.append(message.path("role").asText())
				.append(": ")
				.append(message.path("content").asText())
				.append('\n');
		}
		return text.toString();
	}

	@Test
	void theNextTurnOfAConversationCarriesItsHistory() {
		SimulatedSite site = installedSite("memory");
		SiteUser alice = connectUser(site, site.user("Alice"));
		openAi.reply("Noted: the payments board.").reply("It was the payments board.");

		say(alice, "c-1", "Remember: the payments board");
		say(alice, "c-1", "Which board did I mention?");

		String second = sent(1);
		assertThat(second).contains("Remember: the payments board")
			.contains("assistant: Noted: the payments board.")
			.contains("Which board did I mention?");
		assertThat(second.indexOf("Remember: the payments board"))
			.isLessThan(second.indexOf("Which board did I mention?"));
	}

	@Test
	void anotherUsersOrSitesConversationWithTheSameIdIsAnother() {
		SimulatedSite site = installedSite("memory-own");
		SimulatedSite other = installedSite("memory-other");
		SiteUser alice = connectUser(site, site.user("Alice"));
		SiteUser bob = connectUser(site, site.user("Bob"));
		SiteUser carol = connectUser(other, other.user("Alice"));
		openAi.reply("Noted.").reply("I know nothing of that.").reply("Nothing either.");

		say(alice, "shared-id", "My secret project is Falcon");
		say(bob, "shared-id", "What is the secret project?");
		say(carol, "shared-id", "What is the secret project?");

		assertThat(sent(1)).doesNotContain("Falcon");
		assertThat(sent(2)).doesNotContain("Falcon");
	}

}

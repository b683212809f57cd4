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

	@Autowired
	private StructuredOutputs outputs;

	private AiAnswer say(SiteUser user, String conversation, String message) {
		return this.gateway.call(turn(user, conversation, message));
	}

	private PreparedCall turn(SiteUser user, String conversation, String message) {
		ResolvedPrompt resolved = this.gateway.resolve(user.site(), "chat", "intent_classifier.system",
				"intent_classifier");
		return this.gateway
			.prepare(resolved, user.accountId(),
					Map.of("message", message, "projects", "SCRUM Scrum", "today", "2026-12-03"))
			.inConversation(conversation);
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

	@Test
	void aRepairedAnswerIsOneTurnWithTheValidAnswer() {
		SimulatedSite site = installedSite("memory-repair");
		SiteUser alice = connectUser(site, site.user("Alice"));
		openAi.reply("Sure! You mean the payments board.").reply("""
				{"intent":"general_query","confidence":0.8,"entities":{"issueKeys":[],"project":null,
				"priority":null},"reasoning":"The payments board."}""").reply("It was the payments board.");

		this.outputs.call(turn(alice, "c-2", "Remember: the payments board"), IntentClassifier.Classified.class,
				Checkpoints.NONE);
		say(alice, "c-2", "Which board did I mention?");

		assertThat(sent(1)).as("the repair").contains("assistant: Sure! You mean the payments board.");
		String next = sent(2);
		assertThat(next).contains("Remember: the payments board")
			.contains("assistant: {\"intent\":\"general_query\"")
			.doesNotContain("Sure! You mean")
			.doesNotContain("is not valid");
	}

}

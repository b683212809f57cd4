package dev.jiraai.ai;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jiraai.support.AppTestSupport;
import dev.jiraai.support.FakeOpenAi;
import dev.jiraai.support.SimulatedSite;
import dev.jiraai.tenancy.SiteUser;
import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.model.ToolContext;
import org.springframework.ai.tool.annotation.Tool;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Calls are ready for tools: the model asks for a tool, the tool runs as the call's user,
 * whom it learns from its tool context, and its answer goes back to the model.
 */
class ToolCallingTests extends AppTestSupport {

	@Autowired
	private LlmGateway gateway;

	@Autowired
	private io.micrometer.core.instrument.MeterRegistry meters;

	/** A tool that tells the model which site and user it works for. */
	static final class WhoAmI {

		private volatile SiteUser seen;

		@Tool(description = "The Jira site and user this conversation is for")
		String whoAmI(ToolContext context) {
			this.seen = ToolContexts.user(context);
			return "site " + this.seen.site().clientKey() + ", user " + this.seen.accountId();
		}

	}

	private PreparedCall call(SiteUser user) {
		ResolvedPrompt resolved = this.gateway.resolve(user.site(), "chat", "intent_classifier.system",
				"intent_classifier");
		return this.gateway.prepare(resolved, user.accountId(),
				Map.of("message", "Who am I here?", "projects", "SCRUM Scrum", "today", "2026-12-03"));
	}

	@Test
	void aToolTheModelCallsActsAsTheCallsUserAndItsAnswerGoesBackToTheModel() {
		SimulatedSite site = installedSite("tools");
		SiteUser alice = connectUser(site, site.user("Alice"));
		WhoAmI tool = new WhoAmI();
		openAi.reply(new FakeOpenAi.ToolCalls(Map.of("whoAmI", "{}"))).reply("You are Alice.");

		AiAnswer answer = this.gateway.call(call(alice).withTools(alice, tool));

		assertThat(answer.text()).isEqualTo("You are Alice.");
		assertThat(tool.seen).isEqualTo(alice);
		assertThat(openAi.requests()).hasSize(2);
		assertThat(openAi.requests().get(0).path("tools").toString()).contains("whoAmI");
		JsonNode toolMessage = openAi.requests()
			.get(1)
			.path("messages")
			.get(openAi.requests().get(1).path("messages").size() - 1);
		assertThat(toolMessage.path("role").asText()).isEqualTo("tool");
		assertThat(toolMessage.path("content").asText()).contains(site.clientKey()).contains(alice.accountId());
		assertThat(this.meters.find("spring.ai.tool").tag("spring.ai.tool.definition.name", "whoAmI").timers())
			.as("the tool call is observed")
			.isNotEmpty();
	}

	@Test
	void toolsActOnlyForAUserOfTheCallsOwnSite() {
		SimulatedSite site = installedSite("tools-own");
		SimulatedSite other = installedSite("tools-other");
		SiteUser alice = connectUser(site, site.user("Alice"));
		SiteUser bob = connectUser(other, other.user("Bob"));

		assertThatThrownBy(() -> call(alice).withTools(bob, new WhoAmI())).isInstanceOf(IllegalArgumentException.class);
	}

}

package dev.jiraai.ai;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.micrometer.observation.ObservationRegistry;
import jakarta.validation.Validator;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.client.advisor.MessageChatMemoryAdvisor;
import org.springframework.ai.chat.memory.MessageWindowChatMemory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * One Spring AI {@link ChatClient} per site model and use case (assess, draft, intent,
 * later chat), each with the same advisors: the check and the one repair of a structured
 * answer, then the budget, one bounded time with the retries of {@link ModelCallPolicy}
 * inside it, and the usage of every attempt. Built once and kept with the site's model (a
 * change of endpoint or model builds new ones).
 */
@Component
class UseCaseClients {

	private final StructuredOutputAdvisor structuredOutput;

	private final BudgetAdvisor budget;

	private final RetryAdvisor retry;

	private final UsageAdvisor usage;

	private final MessageChatMemoryAdvisor memory;

	/** Keyed by the site's model client and the use case. */
	private final Cache<Key, ChatClient> clients = Caffeine.newBuilder()
		.maximumSize(5_000)
		.expireAfterAccess(Duration.ofHours(6))
		.build();

	/** Attempts run here, so a request can stop waiting when its time is up. */
	private final ExecutorService attempts = Executors.newVirtualThreadPerTaskExecutor();

	private final ObservationRegistry observations;

	UseCaseClients(ModelCallPolicy policy, ApiKeys apiKeys, UsageMeter usage, ConversationStore conversations,
			Validator validator, ObjectProvider<ObservationRegistry> observations, Optional<Clock> clock) {
		this.observations = observations.getIfAvailable(() -> ObservationRegistry.NOOP);
		this.structuredOutput = new StructuredOutputAdvisor(new AnswerCheck(validator));
		this.budget = new BudgetAdvisor(usage);
		this.retry = new RetryAdvisor(policy, apiKeys, usage, this.attempts, clock.orElseGet(Clock::systemUTC));
		this.usage = new UsageAdvisor(usage);
		// Outside the repair, the budget and the retries: a retried or repaired call is
		// one turn of the conversation, kept once.
		this.memory = MessageChatMemoryAdvisor
			.builder(MessageWindowChatMemory.builder().chatMemoryRepository(conversations).maxMessages(40).build())
			.order(ModelCallAdvisors.MEMORY_ORDER)
			.build();
	}

	/** The advisor that continues and keeps a conversation's history. */
	MessageChatMemoryAdvisor memory() {
		return this.memory;
	}

	private record Key(SiteChatModels.SiteModel model, String useCase) {
	}

	ChatClient client(PreparedCall call) {
		return this.clients.get(new Key(call.model(), call.feature()),
				key -> ChatClient.builder(key.model().chat(), this.observations, null, null)
					.defaultAdvisors(this.structuredOutput, this.budget, this.retry, this.usage)
					.build());
	}

}

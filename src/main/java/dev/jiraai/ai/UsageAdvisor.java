package dev.jiraai.ai;

import java.time.Duration;

import org.springframework.ai.chat.client.ChatClientRequest;
import org.springframework.ai.chat.client.ChatClientResponse;
import org.springframework.ai.chat.client.advisor.api.CallAdvisor;
import org.springframework.ai.chat.client.advisor.api.CallAdvisorChain;
import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.chat.model.ChatResponse;

/**
 * Records every attempt of a call with its tokens, latency and outcome (a usage row, the
 * budgets' counters): the innermost advisor, so a retried call is metered per attempt.
 */
final class UsageAdvisor implements CallAdvisor {

	private final UsageMeter usage;

	UsageAdvisor(UsageMeter usage) {
		this.usage = usage;
	}

	@Override
	public ChatClientResponse adviseCall(ChatClientRequest request, CallAdvisorChain chain) {
		ModelCallAdvisors.Attempts attempts = ModelCallAdvisors.of(request);
		long started = System.nanoTime();
		ChatClientResponse response;
		try {
			response = chain.nextCall(request);
		}
		catch (RuntimeException ex) {
			if (!attempts.abandoned()) {
				record(attempts.call(), 0, 0, started, ModelCallPolicy.outcome(ex));
			}
			throw ex;
		}
		if (attempts.abandoned()) {
			return response;
		}
		ChatResponse answer = response.chatResponse();
		Usage used = (answer == null || answer.getMetadata() == null) ? null : answer.getMetadata().getUsage();
		int promptTokens = (used == null || used.getPromptTokens() == null) ? 0 : used.getPromptTokens();
		int completionTokens = (used == null || used.getCompletionTokens() == null) ? 0 : used.getCompletionTokens();
		boolean text = answer != null && answer.getResult() != null && answer.getResult().getOutput() != null
				&& answer.getResult().getOutput().getText() != null;
		Duration latency = record(attempts.call(), promptTokens, completionTokens, started, text ? "ok" : "empty");
		attempts.answered(latency, promptTokens, completionTokens);
		return response;
	}

	private Duration record(PreparedCall call, int promptTokens, int completionTokens, long startedNanos,
			String outcome) {
		Duration latency = Duration.ofNanos(System.nanoTime() - startedNanos);
		this.usage.record(new UsageMeter.Usage(call.site(), call.accountId(), call.feature(), call.modelName(),
				call.user(), promptTokens, completionTokens, latency, outcome));
		return latency;
	}

	@Override
	public String getName() {
		return "usage";
	}

	@Override
	public int getOrder() {
		return ModelCallAdvisors.USAGE_ORDER;
	}

}

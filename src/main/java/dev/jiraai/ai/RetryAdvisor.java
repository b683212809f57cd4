package dev.jiraai.ai;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.springframework.ai.chat.client.ChatClientRequest;
import org.springframework.ai.chat.client.ChatClientResponse;
import org.springframework.ai.chat.client.advisor.api.CallAdvisor;
import org.springframework.ai.chat.client.advisor.api.CallAdvisorChain;

/**
 * One bounded time per user request, with the retries of {@link ModelCallPolicy} inside
 * it: each attempt runs the rest of the chain on a virtual thread, so the request stops
 * waiting when its time is up even if the provider does not answer.
 */
final class RetryAdvisor implements CallAdvisor {

	private final ModelCallPolicy policy;

	private final ApiKeys apiKeys;

	private final UsageMeter usage;

	private final ExecutorService attempts;

	private final Clock clock;

	RetryAdvisor(ModelCallPolicy policy, ApiKeys apiKeys, UsageMeter usage, ExecutorService attempts, Clock clock) {
		this.policy = policy;
		this.apiKeys = apiKeys;
		this.usage = usage;
		this.attempts = attempts;
		this.clock = clock;
	}

	@Override
	public ChatClientResponse adviseCall(ChatClientRequest request, CallAdvisorChain chain) {
		ModelCallAdvisors.Attempts tracked = ModelCallAdvisors.of(request);
		PreparedCall call = tracked.call();
		Instant deadline = this.clock.instant().plus(this.policy.requestTimeout());
		boolean keyReread = false;
		for (int attempt = 1;; attempt++) {
			Duration remaining = Duration.between(this.clock.instant(), deadline);
			if (remaining.isNegative() || remaining.isZero()) {
				throw new AiException.TimedOut(this.policy.requestTimeout());
			}
			// A fresh copy of the advisors after this one for every attempt.
			CallAdvisorChain rest = chain.copy(this);
			long started = System.nanoTime();
			Future<ChatClientResponse> answer = this.attempts.submit(() -> rest.nextCall(request));
			try {
				return answer.get(remaining.toMillis(), TimeUnit.MILLISECONDS);
			}
			catch (TimeoutException ex) {
				tracked.abandon();
				answer.cancel(true);
				this.usage.record(new UsageMeter.Usage(call.site(), call.accountId(), call.feature(), call.modelName(),
						call.user(), 0, 0, Duration.ofNanos(System.nanoTime() - started), "timeout"));
				throw new AiException.TimedOut(this.policy.requestTimeout());
			}
			catch (InterruptedException ex) {
				tracked.abandon();
				answer.cancel(true);
				Thread.currentThread().interrupt();
				throw new AiException.Unavailable("interrupted", ex);
			}
			catch (ExecutionException ex) {
				ModelCallPolicy.Decision decision = this.policy.decide(ModelCallPolicy.unwrap(ex.getCause()), attempt,
						keyReread, Duration.between(this.clock.instant(), deadline));
				if (decision.rereadKey()) {
					keyReread = true;
					this.apiKeys.invalidate(call.site().clientKey());
				}
				ModelCallPolicy.pause(decision.delay());
			}
		}
	}

	@Override
	public String getName() {
		return "retry-within-time-limit";
	}

	@Override
	public int getOrder() {
		return ModelCallAdvisors.RETRY_ORDER;
	}

}

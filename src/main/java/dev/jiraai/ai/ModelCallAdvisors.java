package dev.jiraai.ai;

import java.time.Duration;
import java.util.Map;

import org.springframework.ai.chat.client.ChatClientRequest;
import org.springframework.ai.chat.model.ChatResponse;

/**
 * What the advisors of a model call share through the request's context: the prepared
 * call (site, user, feature, prompt) and what the innermost advisor measured of the
 * attempt that answered.
 */
final class ModelCallAdvisors {

	/** The context key of the {@link Attempts} of a call. */
	static final String CALL = "jira-ai.call";

	/**
	 * Advisor order: the conversation's history first (a repaired answer is one turn,
	 * kept once), then the structured answer's check and repair (each round on its own
	 * through the rest), the budget, the retry loop, and each attempt's usage.
	 */
	static final int MEMORY_ORDER = -100;

	static final int STRUCTURED_OUTPUT_ORDER = -50;

	static final int BUDGET_ORDER = 0;

	static final int RETRY_ORDER = 100;

	static final int USAGE_ORDER = 200;

	private ModelCallAdvisors() {
	}

	/**
	 * The call being made and how its answering attempt went.
	 */
	static final class Attempts {

		private final PreparedCall call;

		private volatile Duration latency = Duration.ZERO;

		private volatile int promptTokens;

		private volatile int completionTokens;

		private volatile boolean abandoned;

		Attempts(PreparedCall call) {
			this.call = call;
		}

		PreparedCall call() {
			return this.call;
		}

		void answered(Duration latency, int promptTokens, int completionTokens) {
			this.latency = latency;
			this.promptTokens = promptTokens;
			this.completionTokens = completionTokens;
		}

		/**
		 * The caller stopped waiting for the attempt under way (its time was up) and
		 * recorded it; whatever the attempt does next is not recorded again.
		 */
		void abandon() {
			this.abandoned = true;
		}

		boolean abandoned() {
			return this.abandoned;
		}

		Duration latency() {
			return this.latency;
		}

		int promptTokens() {
			return this.promptTokens;
		}

		int completionTokens() {
			return this.completionTokens;
		}

		Map<String, Object> asContext() {
			return Map.of(CALL, this);
		}

		/**
		 * The answer in the model's response, with what this call measured of it.
		 * @throws AiException.Unavailable when the response has no text
		 */
		AiAnswer answer(ChatResponse response) {
			String text = (response == null || response.getResult() == null || response.getResult().getOutput() == null)
					? null : response.getResult().getOutput().getText();
			if (text == null || text.isBlank()) {
				throw new AiException.Unavailable("the model answered with no text", null);
			}
			PromptTemplate prompt = this.call.user();
			return new AiAnswer(text, this.call.modelName(), prompt.id(), prompt.version(), prompt.contentHash(),
					this.promptTokens, this.completionTokens, this.latency, this.call.masked());
		}

	}

	static Attempts of(ChatClientRequest request) {
		Object attempts = request.context().get(CALL);
		if (!(attempts instanceof Attempts found)) {
			throw new IllegalStateException("A model call went through the gateway's advisors without its context");
		}
		return found;
	}

}

package dev.jiraai.ai;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jiraai.tenancy.Site;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.client.ChatClientResponse;
import org.springframework.ai.chat.memory.ChatMemory;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.MessageType;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.ai.openai.api.OpenAiApi;
import org.springframework.ai.openai.api.ResponseFormat;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.stereotype.Service;
import org.springframework.web.client.RestClientException;
import org.springframework.web.reactive.function.client.WebClientResponseException;

/**
 * Every call to a site's model goes through here: prompts from the catalog, the site's
 * model and key, the daily budgets, one bounded time per user request with retries inside
 * it, and a usage row per attempt.
 * <p>
 * Retries: a 429 waits its {@code Retry-After} (or backs off) while time remains, except
 * {@code insufficient_quota}, which no retry can fix; a 401 re-reads the API key once (it
 * may have been rotated); 5xx, timeouts of an attempt and connection failures back off
 * with jitter; other 4xx are reported at once. A stream that ends before the model's
 * {@code finish_reason} is reported as {@link AiException.Incomplete}, so its partial
 * text never becomes an action; one still unfinished when the time is up (it stalled) as
 * {@link AiException.TimedOut}.
 * <p>
 * Secrets in untrusted values (issue text, comments, requests) are replaced by
 * placeholders before a prompt is rendered, and so are e-mail addresses and phone numbers
 * when the site's privacy switch is on: the model, and everything that records a prompt,
 * only ever see the masked text.
 */
@Service
public class LlmGateway {

	private static final Logger logger = LoggerFactory.getLogger(LlmGateway.class);

	private static final ObjectMapper json = new ObjectMapper();

	private final PromptCatalog prompts;

	private final SiteModelSettings settings;

	private final SiteChatModels models;

	private final ApiKeys apiKeys;

	private final UsageMeter usage;

	private final AiProperties properties;

	private final SitePrivacy privacy;

	private final Clock clock;

	private final ModelCallPolicy policy;

	private final UseCaseClients clients;

	LlmGateway(PromptCatalog prompts, SiteModelSettings settings, SiteChatModels models, ApiKeys apiKeys,
			UsageMeter usage, AiProperties properties, SitePrivacy privacy, ModelCallPolicy policy,
			UseCaseClients clients, Optional<Clock> clock) {
		this.prompts = prompts;
		this.settings = settings;
		this.models = models;
		this.apiKeys = apiKeys;
		this.usage = usage;
		this.properties = properties;
		this.privacy = privacy;
		this.policy = policy;
		this.clients = clients;
		this.clock = clock.orElseGet(Clock::systemUTC);
	}

	/**
	 * Asks the model and waits for the whole answer.
	 * @throws AiException when there is no model, the budget is spent, the provider
	 * refuses or fails, or time runs out
	 */
	public AiAnswer call(AiCall call) {
		return call(prepare(call));
	}

	/** Sends a prepared call and waits for the whole answer. */
	public AiAnswer call(PreparedCall prepared) {
		ModelCallAdvisors.Attempts attempts = new ModelCallAdvisors.Attempts(prepared);
		return attempts.answer(send(attempts, Map.of()).chatResponse());
	}

	/**
	 * Sends a call whose answer {@link StructuredOutputAdvisor} checks and repairs once,
	 * as {@code expected} says; the valid answer is in the response's context.
	 */
	ChatClientResponse send(PreparedCall prepared, StructuredOutputAdvisor.Expected<?> expected) {
		return send(new ModelCallAdvisors.Attempts(prepared), expected.asContext());
	}

	/**
	 * The call through its use case's client, with {@code more} in the advisors' context.
	 */
	private ChatClientResponse send(ModelCallAdvisors.Attempts attempts, Map<String, Object> more) {
		PreparedCall prepared = attempts.call();
		ChatClient.ChatClientRequestSpec request = this.clients.client(prepared)
			.prompt(prepared.prompt())
			.advisors(advisors -> advisors.params(attempts.asContext()).params(more));
		if (prepared.conversation() != null) {
			request = request.advisors(this.clients.memory())
				.advisors(advisors -> advisors.param(ChatMemory.CONVERSATION_ID, prepared.conversation().key()));
		}
		if (!prepared.tools().isEmpty()) {
			request = request.tools(prepared.tools().toArray())
				.toolContext(Map.of(ToolContexts.USER, prepared.actor()));
		}
		return request.call().chatClientResponse();
	}

	/**
	 * One round of a turn whose tools the caller runs itself (bounded, checkpointed, as
	 * its user): the call's system messages, then {@code history} (earlier turns of the
	 * conversation), then its user message, then {@code rounds} (this turn's tool calls
	 * and their results so far). The tools are offered by their definitions only; when
	 * the model asks for some, the answer lists them and the caller sends their results
	 * in the next round. The same budget, time limit, retries and metering as
	 * {@link #call}.
	 * @param tools the tools the model may ask for (none: it must answer)
	 */
	public ModelTurn converse(PreparedCall prepared, List<Message> history, List<Message> rounds,
			List<ToolCallback> tools) {
		List<Message> messages = new ArrayList<>();
		List<Message> rendered = prepared.prompt().getInstructions();
		rendered.stream().filter(m -> m.getMessageType() == MessageType.SYSTEM).forEach(messages::add);
		messages.addAll(history);
		rendered.stream().filter(m -> m.getMessageType() != MessageType.SYSTEM).forEach(messages::add);
		messages.addAll(rounds);
		OpenAiChatOptions options = OpenAiChatOptions.fromOptions((OpenAiChatOptions) prepared.prompt().getOptions());
		// The app runs the tools itself: one tool call at a time is counted, reported and
		// checkpointed, which Spring AI's own loop would hide.
		options.setInternalToolExecutionEnabled(false);
		options.setToolCallbacks(List.copyOf(tools));
		PreparedCall round = new PreparedCall(prepared.resolved(), prepared.accountId(), prepared.model(),
				new Prompt(messages, options), prepared.masked(), List.of(), null, null);
		ModelCallAdvisors.Attempts attempts = new ModelCallAdvisors.Attempts(round);
		ChatResponse response = this.clients.client(round)
			.prompt(round.prompt())
			.advisors(advisors -> advisors.params(attempts.asContext()))
			.call()
			.chatResponse();
		AssistantMessage output = (response == null || response.getResult() == null) ? null
				: response.getResult().getOutput();
		List<ModelTurn.ToolRequest> requests = (output == null) ? List.of()
				: output.getToolCalls()
					.stream()
					.map(call -> new ModelTurn.ToolRequest(call.id(), call.name(), call.arguments()))
					.toList();
		String text = (output == null) ? null : output.getText();
		if (requests.isEmpty() && (text == null || text.isBlank())) {
			throw new AiException.Unavailable("the model answered with no text", null);
		}
		return new ModelTurn(text, requests, attempts.promptTokens(), attempts.completionTokens());
	}

	/**
	 * Streams the model's answer as text pieces. The flux fails with
	 * {@link AiException.Incomplete} when the stream ends before the model finished, with
	 * {@link AiException.TimedOut} when it has not finished within the request time;
	 * failures before the first piece are retried like {@link #call}.
	 */
	public Flux<String> stream(AiCall call) {
		PreparedCall prepared;
		try {
			prepared = prepare(call);
		}
		catch (AiException | PromptException ex) {
			return Flux.error(ex);
		}
		return stream(prepared);
	}

	/** Streams a prepared call's answer, as {@link #stream(AiCall)}. */
	public Flux<String> stream(PreparedCall prepared) {
		try {
			this.usage.checkBudget(prepared.site(), prepared.accountId());
		}
		catch (AiException ex) {
			return Flux.error(ex);
		}
		Instant deadline = this.clock.instant().plus(this.properties.requestTimeout());
		return attempt(prepared, prepared, deadline, 1, false);
	}

	private Flux<String> attempt(PreparedCall call, PreparedCall prepared, Instant deadline, int attempt,
			boolean keyReread) {
		Duration remaining = Duration.between(this.clock.instant(), deadline);
		if (remaining.isNegative() || remaining.isZero()) {
			return Flux.error(new AiException.TimedOut(this.properties.requestTimeout()));
		}
		long started = System.nanoTime();
		StringBuilder text = new StringBuilder();
		AtomicReference<String> finish = new AtomicReference<>();
		AtomicReference<OpenAiApi.Usage> tokens = new AtomicReference<>();
		AtomicBoolean emitted = new AtomicBoolean();
		// Chunks straight from the API: Spring AI's chat model holds every chunk back
		// until the next one arrives (it buffers them pairwise to move usage onto the
		// last), so each text delta would reach the panel one chunk late.
		Flux<String> pieces = Flux.defer(() -> prepared.model().api().chatCompletionStream(streamRequest(prepared)))
			// One deadline for the whole answer, not per chunk: a stream that stalls, or
			// trickles past the time limit, ends as a timeout.
			.timeout(Mono.delay(remaining), chunk -> Mono.delay(timeLeft(deadline)))
			.doOnNext(chunk -> {
				if (chunk.usage() != null && chunk.usage().totalTokens() != null && chunk.usage().totalTokens() > 0) {
					tokens.set(chunk.usage());
				}
				if (chunk.choices() != null) {
					chunk.choices()
						.stream()
						.filter(choice -> choice.finishReason() != null)
						.findFirst()
						.ifPresent(choice -> finish.set(choice.finishReason().name()));
				}
			})
			.map(LlmGateway::text)
			.filter(piece -> !piece.isEmpty())
			.doOnNext(piece -> {
				emitted.set(true);
				text.append(piece);
			})
			.concatWith(Mono.defer(() -> {
				OpenAiApi.Usage used = tokens.get();
				int promptTokens = used == null ? 0 : nullToZero(used.promptTokens());
				int completionTokens = used == null ? 0 : nullToZero(used.completionTokens());
				if (finish.get() == null) {
					meter(call, prepared, promptTokens, completionTokens, started, "incomplete");
					return Mono.error(new AiException.Incomplete(text.toString(), null));
				}
				meter(call, prepared, promptTokens, completionTokens, started, "ok");
				return Mono.empty();
			}));
		return pieces.onErrorResume(failure -> {
			if (failure instanceof AiException) {
				return Flux.error(failure);
			}
			meter(call, prepared, 0, 0, started, ModelCallPolicy.outcome(failure));
			if (failure instanceof TimeoutException) {
				return Flux.error(new AiException.TimedOut(this.properties.requestTimeout()));
			}
			if (emitted.get()) {
				return Flux.error(new AiException.Incomplete(text.toString(), failure));
			}
			try {
				ModelCallPolicy.Decision decision = this.policy.decide(ModelCallPolicy.unwrap(failure), attempt,
						keyReread, Duration.between(this.clock.instant(), deadline));
				if (decision.rereadKey()) {
					this.apiKeys.invalidate(call.site().clientKey());
				}
				return Mono.delay(decision.delay())
					.thenMany(attempt(call, prepared, deadline, attempt + 1, keyReread || decision.rereadKey()));
			}
			catch (AiException ex) {
				return Flux.error(ex);
			}
		});
	}

	/** The text a chunk adds (empty for role-only, finish-only and usage-only chunks). */
	private static String text(OpenAiApi.ChatCompletionChunk chunk) {
		if (chunk.choices() == null || chunk.choices().isEmpty() || chunk.choices().get(0).delta() == null) {
			return "";
		}
		Object content = chunk.choices().get(0).delta().rawContent();
		return (content instanceof String text) ? text : "";
	}

	/**
	 * The streaming request on the wire: the prompt's messages and options as Spring AI's
	 * chat model would send them, with usage in the final chunk.
	 */
	private static OpenAiApi.ChatCompletionRequest streamRequest(PreparedCall prepared) {
		OpenAiChatOptions options = (OpenAiChatOptions) prepared.prompt().getOptions();
		Map<String, Object> request = new java.util.LinkedHashMap<>();
		request.put("model", options.getModel());
		request.put("messages",
				prepared.prompt()
					.getInstructions()
					.stream()
					.map(message -> Map.of("role", message.getMessageType().getValue(), "content", message.getText()))
					.toList());
		request.put("stream", true);
		request.put("stream_options", Map.of("include_usage", true));
		if (options.getTemperature() != null) {
			request.put("temperature", options.getTemperature());
		}
		if (options.getMaxTokens() != null) {
			request.put("max_tokens", options.getMaxTokens());
		}
		if (options.getResponseFormat() != null) {
			request.put("response_format", options.getResponseFormat());
		}
		return json.convertValue(request, OpenAiApi.ChatCompletionRequest.class);
	}

	private Duration timeLeft(Instant deadline) {
		Duration left = Duration.between(this.clock.instant(), deadline);
		return left.isNegative() ? Duration.ZERO : left;
	}

	/**
	 * Looks up, once, the prompts and the model a feature's request uses on a site.
	 * @throws PromptException when a prompt is unknown or unusable
	 */
	public ResolvedPrompt resolve(Site site, String feature, String systemPromptId, String userPromptId) {
		SiteModelSettings.ModelSettings model = this.settings.effective(site);
		PromptTemplate system = systemPromptId == null ? null : this.prompts.get(site, systemPromptId);
		return new ResolvedPrompt(site, feature, system, this.prompts.get(site, userPromptId), model);
	}

	/** Resolves and prepares a call in one go. */
	public PreparedCall prepare(AiCall call) {
		return prepare(resolve(call.site(), call.feature(), call.systemPromptId(), call.userPromptId()),
				call.accountId(), call.variables());
	}

	/**
	 * Renders a call from resolved prompts: untrusted values masked, the schema added
	 * where the prompt answers JSON; refused at once when the site has no model or the
	 * budget is spent.
	 * @throws AiException.NotConfigured or {@link AiException.BudgetExceeded}
	 */
	public PreparedCall prepare(ResolvedPrompt resolved, String accountId, Map<String, String> variables) {
		SiteModelSettings.ModelSettings model = resolved.settings();
		if (!model.keyConfigured()) {
			throw new AiException.NotConfigured(resolved.site().clientKey());
		}
		PromptTemplate user = resolved.user();
		PromptTemplate system = resolved.system();
		List<Message> messages = new ArrayList<>();
		MaskedValues masked = mask(resolved, variables);
		Map<String, String> values = masked.values();
		if (system != null) {
			messages.add(new SystemMessage(system.render(only(values, system))));
		}
		String userText = user.render(only(values, user));
		if (user.expectsJson() && !"json-schema".equals(this.properties.structuredOutput())) {
			userText += "\n\nAnswer with only a JSON object that matches this JSON schema:\n"
					+ user.outputSchema().toString();
		}
		messages.add(new UserMessage(userText));
		OpenAiChatOptions.Builder options = OpenAiChatOptions.builder()
			.model(model.model())
			// The site admin's temperature, when set, over the prompt's (some models take
			// only their default).
			.temperature((model.temperature() != null) ? model.temperature() : user.temperature())
			.maxTokens(user.maxTokens());
		if (user.expectsJson() && "json-schema".equals(this.properties.structuredOutput())) {
			Map<String, Object> schema = json.convertValue(user.outputSchema(), new TypeReference<>() {
			});
			options.responseFormat(ResponseFormat.builder()
				.type(ResponseFormat.Type.JSON_SCHEMA)
				.jsonSchema(ResponseFormat.JsonSchema.builder().name(user.id()).schema(schema).strict(false).build())
				.build());
		}
		return new PreparedCall(resolved, accountId, this.models.forSite(resolved.site(), model),
				new Prompt(messages, options.build()), masked.counts(), List.of(), null, null);
	}

	/**
	 * The call's values with the untrusted ones masked (one masker for all, so a value
	 * gets one placeholder), and how much was hidden.
	 */
	private MaskedValues mask(ResolvedPrompt resolved, Map<String, String> variables) {
		java.util.Set<String> untrusted = new java.util.HashSet<>();
		for (PromptTemplate prompt : java.util.Arrays.asList(resolved.system(), resolved.user())) {
			if (prompt != null) {
				prompt.variables()
					.stream()
					.filter(PromptTemplate.Variable::untrusted)
					.forEach(variable -> untrusted.add(variable.name()));
			}
		}
		SecretMasker masker = new SecretMasker(this.privacy.masksPersonalData(resolved.site()));
		Map<String, String> values = new java.util.LinkedHashMap<>();
		variables.forEach((name, value) -> values.put(name, untrusted.contains(name) ? masker.mask(value) : value));
		return new MaskedValues(values, masker.counts());
	}

	record MaskedValues(Map<String, String> values, Masked counts) {
	}

	/**
	 * Each prompt gets the values of its own variables only: a system and a user prompt
	 * share one map.
	 */
	private static Map<String, String> only(Map<String, String> values, PromptTemplate prompt) {
		Map<String, String> own = new java.util.LinkedHashMap<>();
		prompt.variables().forEach(variable -> {
			if (values.containsKey(variable.name())) {
				own.put(variable.name(), values.get(variable.name()));
			}
		});
		return own;
	}

	private void meter(PreparedCall call, PreparedCall prepared, int promptTokens, int completionTokens,
			long startedNanos, String outcome) {
		this.usage.record(new UsageMeter.Usage(call.site(), call.accountId(), call.feature(), prepared.modelName(),
				prepared.user(), promptTokens, completionTokens, Duration.ofNanos(System.nanoTime() - startedNanos),
				outcome));
	}

	private static int nullToZero(Integer value) {
		return value == null ? 0 : value;
	}

	/**
	 * Refuses at once what a call for this user would refuse: no model configured for the
	 * site, or a spent budget. For work that starts now and calls the model later (a
	 * task), so the user hears it before the work is queued.
	 * @throws AiException.NotConfigured or {@link AiException.BudgetExceeded}
	 */
	public void admit(Site site, String accountId) {
		if (!this.settings.effective(site).keyConfigured()) {
			throw new AiException.NotConfigured(site.clientKey());
		}
		this.usage.checkBudget(site, accountId);
	}

	/** The model the site's calls use now. */
	public String model(Site site) {
		return this.settings.effective(site).model();
	}

}

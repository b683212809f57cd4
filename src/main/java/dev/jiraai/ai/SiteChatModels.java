package dev.jiraai.ai;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.Executors;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.jiraai.tenancy.Site;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.ai.model.tool.ToolCallingManager;

import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.ai.openai.api.OpenAiApi;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.http.client.reactive.JdkClientHttpConnector;
import org.springframework.retry.support.RetryTemplate;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * One Spring AI OpenAI chat model per site and endpoint, built from the site's settings
 * and reading the site's API key on every request. Spring AI's own retry is switched off
 * ({@link LlmGateway} retries within the request's time budget instead of up to 10 times
 * over minutes).
 */
@Component
class SiteChatModels {

	private final ApiKeys apiKeys;

	private final AiProperties properties;

	/** A site's model client: Spring AI's chat model and the API it calls. */
	record SiteModel(ChatModel chat, OpenAiApi api) {
	}

	private final Cache<String, SiteModel> models = Caffeine.newBuilder()
		.maximumSize(1_000)
		.expireAfterAccess(Duration.ofHours(6))
		.build();

	/**
	 * One pooled client for every site's model calls; its work runs on virtual threads
	 * (the JDK's default is a cached pool of platform threads per client).
	 */
	private final HttpClient httpClient = HttpClient.newBuilder()
		.connectTimeout(Duration.ofSeconds(10))
		.version(HttpClient.Version.HTTP_1_1)
		.executor(Executors.newVirtualThreadPerTaskExecutor())
		.build();

	private final ObservationRegistry observations;

	/**
	 * @param observations Spring AI's observations of each model call (latency, tokens by
	 * model); prompts and completions are never part of them
	 * ({@code spring.ai.chat.observations.log-prompt/log-completion} stay off)
	 */
	SiteChatModels(ApiKeys apiKeys, AiProperties properties,
			org.springframework.beans.factory.ObjectProvider<ObservationRegistry> observations) {
		this.observations = observations.getIfAvailable(() -> ObservationRegistry.NOOP);
		this.apiKeys = apiKeys;
		this.properties = properties;
	}

	/**
	 * The chat model of a site for the given settings (a change of endpoint or model
	 * builds a new one).
	 */
	SiteModel forSite(Site site, SiteModelSettings.ModelSettings settings) {
		String key = site.clientKey() + "|" + settings.baseUrl() + "|" + settings.model();
		return this.models.get(key, k -> build(site, settings));
	}

	private SiteModel build(Site site, SiteModelSettings.ModelSettings settings) {
		JdkClientHttpRequestFactory requestFactory = new JdkClientHttpRequestFactory(this.httpClient);
		requestFactory.setReadTimeout(this.properties.requestTimeout());
		OpenAiApi api = OpenAiApi.builder()
			.baseUrl(settings.baseUrl().toString())
			.apiKey(() -> this.apiKeys.current(site).orElse(""))
			.restClientBuilder(RestClient.builder().requestFactory(requestFactory))
			.webClientBuilder(WebClient.builder().clientConnector(new JdkClientHttpConnector(this.httpClient)))
			.responseErrorHandler(new ProviderErrorHandler())
			.build();
		return new SiteModel(OpenAiChatModel.builder()
			.openAiApi(api)
			.defaultOptions(OpenAiChatOptions.builder().model(settings.model()).build())
			.retryTemplate(RetryTemplate.builder().maxAttempts(1).build())
			.observationRegistry(this.observations)
			// Tool calls the model asks for are observed too (spring.ai.tool).
			.toolCallingManager(ToolCallingManager.builder().observationRegistry(this.observations).build())
			.build(), api);
	}

}

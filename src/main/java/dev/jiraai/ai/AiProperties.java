package dev.jiraai.ai;

import java.net.URI;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The default model of every site, for any OpenAI-compatible endpoint.
 *
 * @param apiKey the API key ({@code OPENAI_API_KEY}); without one, AI features say how to configure it
 * @param baseUrl the endpoint ({@code OPENAI_BASE_URL}), e.g. {@code https://api.openai.com} or a local Ollama
 * @param model the chat model ({@code OPENAI_MODEL})
 */
@ConfigurationProperties("jira-ai.ai")
record AiProperties(String apiKey, @DefaultValue("https://api.openai.com") URI baseUrl,
		@DefaultValue("gpt-4o-mini") String model) {
}

package dev.jiraai.ai;

import dev.jiraai.tenancy.Site;

import org.springframework.stereotype.Service;
import org.springframework.util.StringUtils;

/**
 * Tells whether a site can use AI features, so the frontend can explain what to configure instead of failing.
 */
@Service
public class LlmSettings {

	private final AiProperties properties;

	LlmSettings(AiProperties properties) {
		this.properties = properties;
	}

	/** Whether a model with an API key is configured for the site. */
	public boolean isConfigured(Site site) {
		return StringUtils.hasText(this.properties.apiKey());
	}

}

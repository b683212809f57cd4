package dev.jiraai.ai;

import dev.jiraai.tenancy.Site;

import org.springframework.stereotype.Service;

/**
 * Tells whether a site can use AI features, so the frontend can explain what to configure
 * instead of failing.
 */
@Service
public class LlmSettings {

	private final ApiKeys apiKeys;

	LlmSettings(ApiKeys apiKeys) {
		this.apiKeys = apiKeys;
	}

	/**
	 * Whether a model with an API key is configured for the site (its own key or the
	 * app's default).
	 */
	public boolean isConfigured(Site site) {
		return this.apiKeys.current(site).isPresent();
	}

}

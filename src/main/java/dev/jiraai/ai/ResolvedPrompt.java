package dev.jiraai.ai;

import dev.jiraai.tenancy.Site;

/**
 * The prompts and the model a request of a feature uses on a site, looked up once: what a
 * feature builds its cache key from ({@link #promptHash()}, {@link #model()}) before it
 * has the inputs, and what {@link LlmGateway#prepare} renders the call from, so nothing
 * is looked up twice for one request.
 *
 * @param site the site
 * @param feature the product feature, recorded with the usage
 * @param system the system prompt, or {@code null}
 * @param user the user prompt
 * @param settings the site's model settings at the time
 */
public record ResolvedPrompt(Site site, String feature, PromptTemplate system, PromptTemplate user,
		SiteModelSettings.ModelSettings settings) {

	/** The model the call goes to. */
	public String model() {
		return this.settings.model();
	}

	/**
	 * The content hash of the user prompt (a site's override has its own), which decides
	 * whether a stored answer still applies.
	 */
	public String promptHash() {
		return this.user.contentHash();
	}

}

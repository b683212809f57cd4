package dev.jiraai.web;

import java.util.Map;

/**
 * What the frontend needs to start: where it runs, for whom, and what it can offer.
 *
 * @param siteUrl the URL of the Jira site as its users see it
 * @param accountId the Atlassian account id of the current user
 * @param productType {@code jira}
 * @param features which product features are switched on for this site
 * @param llmConfigured whether an AI model is configured for this site; without one, AI
 * features explain how to set it up instead of failing
 */
record AppContext(String siteUrl, String accountId, String productType, Map<String, Boolean> features,
		boolean llmConfigured) {
}

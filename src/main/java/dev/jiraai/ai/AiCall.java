package dev.jiraai.ai;

import java.util.Map;

import dev.jiraai.tenancy.Site;

/**
 * One request to the model: which prompts, rendered with which values, for whom and for
 * which feature (the usage is metered and budgeted by site and user).
 *
 * @param site the site, whose model and budget apply
 * @param accountId the user the request is for, or {@code null} for background work
 * @param feature the product feature, e.g. {@code assess}, recorded with the usage
 * @param systemPromptId the system prompt, or {@code null}
 * @param userPromptId the user prompt
 * @param variables values of both prompts' placeholders; untrusted ones are fenced when
 * rendered
 */
public record AiCall(Site site, String accountId, String feature, String systemPromptId, String userPromptId,
		Map<String, String> variables) {

	public AiCall {
		variables = Map.copyOf(variables);
	}

}

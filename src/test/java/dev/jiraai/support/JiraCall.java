package dev.jiraai.support;

import java.util.List;
import java.util.Map;

/**
 * One REST call the app made to a simulated site, as the site understood it.
 *
 * @param method the HTTP method
 * @param path the path
 * @param query the decoded query parameters
 * @param body the request body, or an empty string
 * @param caller who the call was authenticated as: {@code app} or the user's account id
 * @param status the status the site answered
 */
public record JiraCall(String method, String path, Map<String, List<String>> query, String body, String caller,
		int status) {

	public boolean is(String method, String pathRegex) {
		return this.method.equalsIgnoreCase(method) && this.path.matches(pathRegex);
	}

}

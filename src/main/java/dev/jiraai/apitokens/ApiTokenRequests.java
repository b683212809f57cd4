package dev.jiraai.apitokens;

/**
 * What a request an API token authenticated carries for the features it reaches.
 */
public final class ApiTokenRequests {

	/**
	 * The request attribute holding the accepted token's visible prefix: a script is
	 * calling, not a person on a Jira page.
	 */
	public static final String TOKEN_PREFIX = "dev.jiraai.apitokens.prefix";

	private ApiTokenRequests() {
	}

}

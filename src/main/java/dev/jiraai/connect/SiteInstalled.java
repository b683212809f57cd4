package dev.jiraai.connect;

/**
 * A Jira site installed (or reinstalled) the app.
 *
 * @param clientKey the Connect client key of the site
 * @param baseUrl the site's base URL
 */
public record SiteInstalled(String clientKey, String baseUrl) {
}

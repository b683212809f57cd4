package dev.jiraai.connect;

/**
 * A Jira site uninstalled the app: its tokens are refused from now on and its data is due
 * for deletion.
 *
 * @param clientKey the Connect client key of the site
 * @param baseUrl the site's base URL
 */
public record SiteUninstalled(String clientKey, String baseUrl) {
}

package dev.jiraai.tenancy;

import java.net.URI;

import com.atlassian.connect.spring.AtlassianHost;

/**
 * A Jira Cloud site that installed the app: the view of a Connect host that features use.
 * Every feature table carries its {@link #clientKey()}.
 *
 * @param clientKey the Connect client key, the tenant id of every row and cache entry
 * @param baseUrl the site's REST base URL
 * @param displayUrl the URL users see (a custom domain where one is set), for links shown
 * to people
 * @param productType {@code jira}
 * @param cloudId the site's cloud id when Jira sent one (OAuth2 / Forge installs),
 * otherwise {@code null}
 */
public record Site(String clientKey, URI baseUrl, URI displayUrl, String productType, String cloudId) {

	/** Where people open an issue of this site. */
	public URI browseUrl(String issueKey) {
		return URI.create(this.displayUrl.toString().replaceAll("/+$", "") + "/browse/" + issueKey);
	}

	static Site of(AtlassianHost host) {
		URI base = URI.create(host.getBaseUrl());
		URI display = host.getDisplayUrl() == null ? base : URI.create(host.getDisplayUrl());
		return new Site(host.getClientKey(), base, display, host.getProductType(), host.getCloudId());
	}

}

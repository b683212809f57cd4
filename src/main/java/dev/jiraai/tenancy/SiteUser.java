package dev.jiraai.tenancy;

import java.util.Optional;

import com.atlassian.connect.spring.AtlassianHostUser;

/**
 * Who a request is for: a site, the Atlassian account acting in it and the path the
 * request came by.
 * <p>
 * Controllers take it as a parameter (resolved by {@link CurrentSiteUserResolver}); a
 * feature written against it serves Connect iframes and Forge Custom UI alike.
 *
 * @param site the site
 * @param accountId the user's Atlassian account id, or {@code null} for a call made by
 * Jira on behalf of the app
 * @param channel how the request was authenticated, which decides how Jira is called back
 * as this user
 * @param hostUser the library's view of the same, needed to call Jira through
 * atlassian-connect-spring-boot
 * @param forgeToken under Forge, the invocation's user token Jira is called with;
 * {@code null} under Connect (the app asks for a user token when it calls)
 */
public record SiteUser(Site site, String accountId, Channel channel, AtlassianHostUser hostUser,
		ForgeUserToken forgeToken) {

	/**
	 * A user without a Forge user token: Connect, or a Forge call made by Jira itself.
	 */
	public SiteUser(Site site, String accountId, Channel channel, AtlassianHostUser hostUser) {
		this(site, accountId, channel, hostUser, null);
	}

	/** The Forge user token, when the user came through Forge with one. */
	public Optional<ForgeUserToken> forge() {
		return Optional.ofNullable(this.forgeToken);
	}

	/** The user's account id, when a user (not the app) is acting. */
	public Optional<String> user() {
		return Optional.ofNullable(this.accountId);
	}

	/** How a request reached the app. */
	public enum Channel {

		/**
		 * A Connect iframe, authenticated by a Connect JWT signed with the site's shared
		 * secret.
		 */
		CONNECT,

		/**
		 * Forge Custom UI through {@code invokeRemote}, authenticated by a Forge
		 * Invocation Token.
		 */
		FORGE

	}

}

package dev.jiraai.jira;

import dev.jiraai.tenancy.Site;
import dev.jiraai.tenancy.SiteUser;

/**
 * Who a Jira call is made as. The user, for everything shown to them or done for them, so
 * that Jira's own permissions decide; the app, for background work that no user is
 * waiting on.
 */
public sealed interface JiraIdentity {

	/** The site called. */
	Site site();

	/** A cache partition: the site alone for the app, the site and account for a user. */
	String cacheKey();

	static JiraIdentity of(SiteUser user) {
		return new AsUser(user);
	}

	static JiraIdentity app(Site site) {
		return new AsApp(site);
	}

	/**
	 * As a user: Connect's OAuth 2.0 JWT bearer grant (ACT_AS_USER) or, under Forge, the
	 * Forge user token.
	 *
	 * @param user the acting user
	 */
	record AsUser(SiteUser user) implements JiraIdentity {

		public AsUser {
			if (user.accountId() == null) {
				throw new IllegalArgumentException("Acting as a user needs the user's account id");
			}
		}

		@Override
		public Site site() {
			return this.user.site();
		}

		@Override
		public String cacheKey() {
			return this.user.site().clientKey() + "|" + this.user.accountId();
		}

	}

	/**
	 * As the app: a Connect JWT signed with the site's shared secret.
	 *
	 * @param site the site
	 */
	record AsApp(Site site) implements JiraIdentity {

		@Override
		public String cacheKey() {
			return this.site.clientKey();
		}

	}

}

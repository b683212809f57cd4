package dev.jiraai.admin;

import dev.jiraai.jira.JiraException;
import dev.jiraai.jira.JiraIdentity;
import dev.jiraai.jira.JiraUsers;
import dev.jiraai.jira.payload.JiraUser;
import dev.jiraai.tenancy.SiteUser;

import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.stereotype.Component;

/**
 * The display names of accounts in usage and audit views, as Jira tells the admin looking
 * at them, kept {@link AdminCaches#ACCOUNT_NAMES a while}; an account Jira no longer
 * knows (or does not answer for) shows as its id.
 */
@Component
class AccountNames {

	private final JiraUsers users;

	private final Cache names;

	AccountNames(JiraUsers users, CacheManager caches) {
		this.users = users;
		this.names = caches.getCache(AdminCaches.ACCOUNT_NAMES);
	}

	/** The account's display name, or its id; {@code null} for {@code null}. */
	String of(SiteUser admin, String accountId) {
		if (accountId == null) {
			return null;
		}
		String key = admin.site().clientKey() + "|" + accountId;
		String cached = this.names.get(key, String.class);
		if (cached != null) {
			return cached;
		}
		try {
			String name = this.users.byAccountId(JiraIdentity.of(admin), accountId)
				.map(JiraUser::displayName)
				.orElse(accountId);
			this.names.put(key, name);
			return name;
		}
		catch (JiraException ex) {
			// Not kept: Jira may answer next time.
			return accountId;
		}
	}

}

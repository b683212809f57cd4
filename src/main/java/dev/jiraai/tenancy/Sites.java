package dev.jiraai.tenancy;

import java.util.Optional;

import com.atlassian.connect.spring.AtlassianHost;
import com.atlassian.connect.spring.AtlassianHostUser;
import com.atlassian.connect.spring.AtlassianHostRepository;

import org.springframework.stereotype.Service;

/**
 * Looks up installed sites, for work that does not start from a user's request
 * (schedules, background jobs).
 */
@Service
public class Sites {

	private final AtlassianHostRepository hosts;

	Sites(AtlassianHostRepository hosts) {
		this.hosts = hosts;
	}

	/**
	 * The installed site with this client key.
	 * @return the site, or empty when it is unknown or has uninstalled the app
	 */
	public Optional<Site> installed(String clientKey) {
		return this.hosts.findById(clientKey).filter(AtlassianHost::isAddonInstalled).map(Site::of);
	}

	/**
	 * A user of an installed site, for work that acts as them off their request (a task):
	 * under Connect the app asks for a user token when it calls Jira; under Forge the
	 * user's Forge token is needed.
	 * @return the user, or empty when the site has uninstalled the app
	 */
	public Optional<SiteUser> user(String clientKey, String accountId, SiteUser.Channel channel,
			ForgeUserToken forgeToken) {
		return this.hosts.findById(clientKey)
			.filter(AtlassianHost::isAddonInstalled)
			.map(host -> new SiteUser(Site.of(host), accountId, channel,
					AtlassianHostUser.builder(host).withUserAccountId(accountId).build(), forgeToken));
	}

}

package dev.jiraai.tenancy;

import java.util.Optional;

import com.atlassian.connect.spring.AtlassianHost;
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

}

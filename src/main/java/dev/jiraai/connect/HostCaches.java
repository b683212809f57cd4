package dev.jiraai.connect;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Caffeine;
import dev.jiraai.database.ClusterCaches;

import org.springframework.boot.autoconfigure.cache.CacheManagerCustomizer;
import org.springframework.cache.caffeine.CaffeineCacheManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

/**
 * The caches of Connect hosts and Forge installation mappings, keyed by client key and
 * installation id. Bounded to 10,000 sites each; entries expire five minutes after they
 * were read from the database, which bounds how stale another instance can be if an
 * eviction notice is lost. An install (a new shared secret, a new base URL) or an
 * uninstall evicts the site's host and all mappings here and, through
 * {@link ClusterCaches}, on every instance.
 */
@Configuration(proxyBeanMethods = false)
class HostCaches {

	static final String HOSTS = "connect-hosts";

	static final String MAPPINGS = "forge-installation-mappings";

	private final ClusterCaches clusterCaches;

	HostCaches(ClusterCaches clusterCaches) {
		this.clusterCaches = clusterCaches;
	}

	@Bean
	static CacheManagerCustomizer<CaffeineCacheManager> hostCacheSpecs() {
		return manager -> {
			manager.registerCustomCache(HOSTS,
					Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(Duration.ofMinutes(5)).build());
			manager.registerCustomCache(MAPPINGS,
					Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(Duration.ofMinutes(5)).build());
		};
	}

	@EventListener
	void on(SiteInstalled event) {
		evict(event.clientKey());
	}

	@EventListener
	void on(SiteUninstalled event) {
		evict(event.clientKey());
	}

	private void evict(String clientKey) {
		this.clusterCaches.evict(HOSTS, clientKey);
		this.clusterCaches.clear(MAPPINGS);
	}

}

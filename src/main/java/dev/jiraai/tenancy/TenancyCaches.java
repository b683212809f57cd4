package dev.jiraai.tenancy;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Caffeine;

import org.springframework.boot.autoconfigure.cache.CacheManagerCustomizer;
import org.springframework.cache.caffeine.CaffeineCacheManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The tenancy module's cache.
 * <ul>
 * <li>{@link #SITE_FEATURES}: a site's features ({@link SiteFeatures}); key: the site's
 * client key.</li>
 * </ul>
 * Up to 50,000 entries for five minutes. A change and a purge evict the entry on every
 * instance through {@link dev.jiraai.database.ClusterCaches}; the expiry only bounds
 * staleness if a notification is lost.
 */
@Configuration(proxyBeanMethods = false)
class TenancyCaches {

	static final String SITE_FEATURES = "site-features";

	@Bean
	static CacheManagerCustomizer<CaffeineCacheManager> tenancyCacheSpecs() {
		return manager -> manager.registerCustomCache(SITE_FEATURES,
				Caffeine.newBuilder().maximumSize(50_000).expireAfterWrite(Duration.ofMinutes(5)).build());
	}

}

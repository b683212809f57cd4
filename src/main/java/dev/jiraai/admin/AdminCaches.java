package dev.jiraai.admin;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Caffeine;

import org.springframework.boot.autoconfigure.cache.CacheManagerCustomizer;
import org.springframework.cache.caffeine.CaffeineCacheManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The admin module's cache.
 * <ul>
 * <li>{@link #SITE_ADMINS}: whether an account administers a site; key: the site's client
 * key and the account id.</li>
 * </ul>
 * Up to 50,000 entries for one minute, per instance: nothing evicts an entry when Jira's
 * admins change, so the minute is how long a former admin may keep access.
 */
@Configuration(proxyBeanMethods = false)
class AdminCaches {

	static final String SITE_ADMINS = "site-admins";

	static final String ACCOUNT_NAMES = "admin-account-names";

	@Bean
	static CacheManagerCustomizer<CaffeineCacheManager> adminCacheSpecs() {
		return manager -> {
			manager.registerCustomCache(SITE_ADMINS,
					Caffeine.newBuilder().maximumSize(50_000).expireAfterWrite(Duration.ofMinutes(1)).build());
			manager.registerCustomCache(ACCOUNT_NAMES,
					Caffeine.newBuilder().maximumSize(50_000).expireAfterWrite(Duration.ofMinutes(10)).build());
		};
	}

}

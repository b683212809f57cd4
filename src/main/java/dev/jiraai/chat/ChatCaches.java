package dev.jiraai.chat;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Caffeine;

import org.springframework.boot.autoconfigure.cache.CacheManagerCustomizer;
import org.springframework.cache.caffeine.CaffeineCacheManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The chat's cache of per-site rows read on every turn and greeting.
 * <ul>
 * <li>{@link #SETTINGS}: a site's {@link ChatSiteSettings} (the defaults when it has no
 * row); key: the site's client key.</li>
 * </ul>
 * Up to 50,000 entries for five minutes. A change of the row and a purge evict the entry
 * on every instance through {@link dev.jiraai.database.ClusterCaches}, so the next turn
 * offers exactly the tools the admin chose.
 */
@Configuration(proxyBeanMethods = false)
class ChatCaches {

	static final String SETTINGS = "chat-settings";

	@Bean
	static CacheManagerCustomizer<CaffeineCacheManager> chatCacheSpecs() {
		return manager -> manager.registerCustomCache(SETTINGS,
				Caffeine.newBuilder().maximumSize(50_000).expireAfterWrite(Duration.ofMinutes(5)).build());
	}

}

package dev.jiraai.ai;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Caffeine;

import org.springframework.boot.autoconfigure.cache.CacheManagerCustomizer;
import org.springframework.cache.caffeine.CaffeineCacheManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The AI core's caches of per-site rows read on every model call (measured: 85 request
 * threads waiting for a database connection at 1,000 assessments in flight, to read
 * prompt overrides that almost no site has).
 * <ul>
 * <li>{@link #PROMPT_OVERRIDES}: a site's override of a prompt, or its absence; key
 * {@code clientKey|promptId}.</li>
 * <li>{@link #SITE_SETTINGS}: a site's row of model settings and privacy choice, or its
 * absence; key {@code clientKey}.</li>
 * </ul>
 * Each holds up to 50,000 entries for five minutes. Every write of the row (an edit, a
 * reset, a purge) evicts the entry on every instance through
 * {@link dev.jiraai.database.ClusterCaches}, so the next call uses what was written.
 */
@Configuration(proxyBeanMethods = false)
class AiCaches {

	static final String PROMPT_OVERRIDES = "ai-prompt-overrides";

	static final String SITE_SETTINGS = "ai-site-settings";

	@Bean
	static CacheManagerCustomizer<CaffeineCacheManager> aiCacheSpecs() {
		return manager -> {
			manager.registerCustomCache(PROMPT_OVERRIDES,
					Caffeine.newBuilder().maximumSize(50_000).expireAfterWrite(Duration.ofMinutes(5)).build());
			manager.registerCustomCache(SITE_SETTINGS,
					Caffeine.newBuilder().maximumSize(50_000).expireAfterWrite(Duration.ofMinutes(5)).build());
		};
	}

}

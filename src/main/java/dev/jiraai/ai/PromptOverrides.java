package dev.jiraai.ai;

import java.util.Optional;

import dev.jiraai.database.ClusterCaches;
import dev.jiraai.tenancy.Site;
import dev.jiraai.tenancy.SiteDataPurgeDue;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Sites' own prompt bodies, stored in {@code prompt_override}.
 */
@Component
class PromptOverrides {

	private final JdbcClient jdbc;

	private final ClusterCaches caches;

	PromptOverrides(JdbcClient jdbc, ClusterCaches caches) {
		this.jdbc = jdbc;
		this.caches = caches;
	}

	/** The site's override, read through {@link AiCaches#PROMPT_OVERRIDES}. */
	Optional<String> body(Site site, String promptId) {
		return this.caches.cache(AiCaches.PROMPT_OVERRIDES)
			.get(key(site.clientKey(), promptId),
					() -> this.jdbc.sql("SELECT body FROM prompt_override WHERE client_key = ? AND prompt_id = ?")
						.params(site.clientKey(), promptId)
						.query(String.class)
						.optional());
	}

	private static String key(String clientKey, String promptId) {
		return clientKey + "|" + promptId;
	}

	void save(Site site, String promptId, String body, String updatedBy) {
		this.jdbc.sql("""
				INSERT INTO prompt_override (client_key, prompt_id, body, updated_at, updated_by)
				VALUES (?, ?, ?, now(), ?)
				ON CONFLICT (client_key, prompt_id) DO UPDATE SET body = EXCLUDED.body,
				    updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by
				""").params(site.clientKey(), promptId, body, updatedBy).update();
		this.caches.evict(AiCaches.PROMPT_OVERRIDES, key(site.clientKey(), promptId));
	}

	void remove(Site site, String promptId) {
		this.jdbc.sql("DELETE FROM prompt_override WHERE client_key = ? AND prompt_id = ?")
			.params(site.clientKey(), promptId)
			.update();
		this.caches.evict(AiCaches.PROMPT_OVERRIDES, key(site.clientKey(), promptId));
	}

	@EventListener
	void on(SiteDataPurgeDue event) {
		this.jdbc.sql("DELETE FROM prompt_override WHERE client_key = ?").param(event.clientKey()).update();
		this.caches.clear(AiCaches.PROMPT_OVERRIDES);
	}

}

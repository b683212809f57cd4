package dev.jiraai.tenancy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.jiraai.database.ClusterCaches;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Which product features a site can use: the site admin's choice ({@code site_features})
 * over the operator's defaults ({@code jira-ai.features.*}). Read through
 * {@link TenancyCaches#SITE_FEATURES}; a change and the site's purge evict the entry on
 * every instance, so a feature switched off is off at the next request, whichever
 * instance answers it.
 */
@Service
public class SiteFeatures {

	/** The features a site admin can switch, in the order the admin page shows them. */
	public static final List<String> NAMES = List.of("assess", "draft", "chat", "standup");

	private final Map<String, Boolean> defaults;

	private final JdbcClient jdbc;

	private final ClusterCaches caches;

	SiteFeatures(FeatureProperties properties, JdbcClient jdbc, ClusterCaches caches) {
		this.defaults = Map.copyOf(new TreeMap<>(properties.features()));
		this.jdbc = jdbc;
		this.caches = caches;
	}

	/**
	 * The features of a site, by name ({@code assess}, {@code draft}, {@code chat},
	 * {@code standup}).
	 */
	public Map<String, Boolean> forSite(Site site) {
		return this.caches.cache(TenancyCaches.SITE_FEATURES).get(site.clientKey(), () -> load(site.clientKey()));
	}

	/** Whether the site can use the feature; a feature nobody configured is off. */
	public boolean isOn(Site site, String feature) {
		return Boolean.TRUE.equals(forSite(site).get(feature));
	}

	/**
	 * Sets the site's choice of features; a feature left out keeps the site's current
	 * value.
	 * @param accountId the admin who changed them
	 * @throws IllegalArgumentException when a name is not one of {@link #NAMES}
	 * @return the features the site now has
	 */
	public Map<String, Boolean> change(Site site, Map<String, Boolean> choice, String accountId) {
		for (String name : choice.keySet()) {
			if (!NAMES.contains(name)) {
				throw new IllegalArgumentException(
						"There is no feature '%s'; the features are %s".formatted(name, String.join(", ", NAMES)));
			}
		}
		Map<String, Boolean> next = new LinkedHashMap<>(forSite(site));
		next.putAll(choice);
		this.jdbc.sql("""
				INSERT INTO site_features (client_key, assess, draft, chat, standup, updated_at, updated_by)
				VALUES (?, ?, ?, ?, ?, now(), ?)
				ON CONFLICT (client_key) DO UPDATE SET assess = EXCLUDED.assess, draft = EXCLUDED.draft,
				    chat = EXCLUDED.chat, standup = EXCLUDED.standup, updated_at = EXCLUDED.updated_at,
				    updated_by = EXCLUDED.updated_by
				""")
			.params(site.clientKey(), next.get("assess"), next.get("draft"), next.get("chat"), next.get("standup"),
					accountId)
			.update();
		this.caches.evict(TenancyCaches.SITE_FEATURES, site.clientKey());
		return forSite(site);
	}

	@EventListener
	void on(SiteDataPurgeDue event) {
		this.jdbc.sql("DELETE FROM site_features WHERE client_key = ?").param(event.clientKey()).update();
		this.caches.evict(TenancyCaches.SITE_FEATURES, event.clientKey());
	}

	private Map<String, Boolean> load(String clientKey) {
		Map<String, Boolean> features = new TreeMap<>(this.defaults);
		this.jdbc.sql("SELECT assess, draft, chat, standup FROM site_features WHERE client_key = ?")
			.param(clientKey)
			.query(rs -> {
				for (String name : NAMES) {
					boolean value = rs.getBoolean(name);
					if (!rs.wasNull()) {
						features.put(name, value);
					}
				}
			});
		return Map.copyOf(features);
	}

	/**
	 * Feature switches.
	 *
	 * @param features the operator's default state per feature name, for sites whose
	 * admin chose none
	 */
	@ConfigurationProperties("jira-ai")
	record FeatureProperties(@DefaultValue Map<String, Boolean> features) {
	}

}

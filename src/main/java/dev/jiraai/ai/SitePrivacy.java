package dev.jiraai.ai;

import dev.jiraai.database.ClusterCaches;
import dev.jiraai.tenancy.Site;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * A site's choice whether personal data (e-mail addresses, phone numbers) is hidden from
 * its model, stored with its AI settings; without a choice the app's default applies.
 */
@Service
public class SitePrivacy {

	private final JdbcClient jdbc;

	private final PrivacyProperties defaults;

	private final ClusterCaches caches;

	SitePrivacy(JdbcClient jdbc, PrivacyProperties defaults, ClusterCaches caches) {
		this.jdbc = jdbc;
		this.caches = caches;
		this.defaults = defaults;
	}

	/** Whether the site's model calls hide e-mail addresses and phone numbers. */
	public boolean masksPersonalData(Site site) {
		java.util.Optional<Boolean> choice = this.caches.cache(AiCaches.SITE_SETTINGS)
			.get(key(site),
					() -> this.jdbc.sql("SELECT mask_personal_data FROM site_ai_settings WHERE client_key = ?")
						.param(site.clientKey())
						.query((rs, n) -> (Boolean) rs.getObject(1))
						.optional()
						.flatMap(java.util.Optional::ofNullable));
		return choice.orElse(this.defaults.maskPersonalDataDefault());
	}

	/** The site's entry in {@link AiCaches#SITE_SETTINGS} (beside its model row). */
	private static String key(Site site) {
		return "privacy|" + site.clientKey();
	}

	/**
	 * Sets the site's choice.
	 * @param maskPersonalData the choice, or {@code null} to follow the app's default
	 */
	public void change(Site site, Boolean maskPersonalData, String accountId) {
		this.jdbc.sql("""
				INSERT INTO site_ai_settings (client_key, mask_personal_data, updated_at, updated_by)
				VALUES (?, ?, now(), ?)
				ON CONFLICT (client_key) DO UPDATE SET mask_personal_data = EXCLUDED.mask_personal_data,
				    updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by
				""").params(site.clientKey(), maskPersonalData, accountId).update();
		this.caches.evict(AiCaches.SITE_SETTINGS, key(site));
	}

}

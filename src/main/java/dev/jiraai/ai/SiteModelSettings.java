package dev.jiraai.ai;

import java.math.BigDecimal;
import java.net.URI;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.jiraai.database.ClusterCaches;
import dev.jiraai.tenancy.Site;
import dev.jiraai.tenancy.SiteDataPurgeDue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.StringUtils;

/**
 * Which model a site uses: its own endpoint, model and API key when an admin set them,
 * else the app's defaults. The site's API key is stored encrypted ({@link SecretCipher})
 * and never returned.
 */
@Service
public class SiteModelSettings {

	private static final Logger logger = LoggerFactory.getLogger(SiteModelSettings.class);

	private final JdbcClient jdbc;

	private final SecretCipher cipher;

	private final AiProperties defaults;

	private final ApiKeys apiKeys;

	private final ClusterCaches caches;

	SiteModelSettings(JdbcClient jdbc, SecretCipher cipher, AiProperties defaults, ApiKeys apiKeys,
			ClusterCaches caches) {
		this.jdbc = jdbc;
		this.caches = caches;
		this.cipher = cipher;
		this.defaults = defaults;
		this.apiKeys = apiKeys;
	}

	/**
	 * The model a site uses.
	 *
	 * @param baseUrl the OpenAI-compatible endpoint
	 * @param model the chat model
	 * @param siteSpecific whether the site overrides the app's defaults
	 * @param keyConfigured whether an API key is available for it
	 * @param temperature the site's sampling temperature over each prompt's, or
	 * {@code null} for each prompt's own
	 */
	public record ModelSettings(URI baseUrl, String model, boolean siteSpecific, boolean keyConfigured,
			Double temperature) {

		/** Settings without a temperature of the site's own. */
		public ModelSettings(URI baseUrl, String model, boolean siteSpecific, boolean keyConfigured) {
			this(baseUrl, model, siteSpecific, keyConfigured, null);
		}

	}

	/**
	 * A change of a site's model; {@code null} leaves a value as it is, an empty string
	 * returns it to the default.
	 *
	 * @param baseUrl the endpoint, e.g.
	 * {@code https://my-azure.openai.azure.com/openai/v1}
	 * @param model the model, e.g. {@code gpt-4o-mini}
	 * @param apiKey the API key, stored encrypted
	 * @param temperature the sampling temperature for every call (0 to 2), or
	 * {@code null} to leave it as it is
	 */
	public record Change(String baseUrl, String model, String apiKey, Double temperature) {

		/** A change that leaves the temperature as it is. */
		public Change(String baseUrl, String model, String apiKey) {
			this(baseUrl, model, apiKey, null);
		}

	}

	/** The model the site uses now. */
	public ModelSettings effective(Site site) {
		Optional<Row> row = row(site.clientKey());
		URI baseUrl = row.map(Row::baseUrl)
			.filter(StringUtils::hasText)
			.map(URI::create)
			.orElse(this.defaults.baseUrl());
		String model = row.map(Row::model).filter(StringUtils::hasText).orElse(this.defaults.model());
		// A row may hold only the site's privacy choice (SitePrivacy): not a model of its
		// own.
		boolean siteSpecific = row.filter(
				r -> r.baseUrl() != null || r.model() != null || r.apiKeyCipher() != null || r.temperature() != null)
			.isPresent();
		return new ModelSettings(baseUrl, model, siteSpecific, this.apiKeys.current(site).isPresent(),
				row.map(Row::temperature).orElse(null));
	}

	/**
	 * Changes a site's model.
	 * @throws IllegalArgumentException when the endpoint is not an http(s) URL
	 * @throws IllegalStateException when a key is given but no encryption key is
	 * configured
	 */
	@Transactional
	public ModelSettings change(Site site, Change change, String accountId) {
		Row current = row(site.clientKey()).orElse(new Row(null, null, null, null, null));
		String baseUrl = merge(current.baseUrl(), change.baseUrl());
		if (baseUrl != null) {
			URI uri = URI.create(baseUrl);
			if (!List.of("https", "http").contains(String.valueOf(uri.getScheme())) || uri.getHost() == null) {
				throw new IllegalArgumentException("The endpoint must be an http(s) URL, e.g. https://api.openai.com");
			}
		}
		if (change.temperature() != null && (change.temperature() < 0 || change.temperature() > 2)) {
			throw new IllegalArgumentException("The temperature must be between 0 and 2");
		}
		Double temperature = (change.temperature() != null) ? change.temperature() : current.temperature();
		String cipherText = current.apiKeyCipher();
		Instant keySetAt = current.keySetAt();
		if (change.apiKey() != null) {
			cipherText = change.apiKey().isBlank() ? null
					: this.cipher.encrypt(change.apiKey().strip(), site.clientKey());
			keySetAt = (cipherText == null) ? null : Instant.now();
		}
		this.jdbc
			.sql("""
					INSERT INTO site_ai_settings (client_key, base_url, model, api_key_cipher, api_key_set_at, temperature,
					    updated_at, updated_by)
					VALUES (?, ?, ?, ?, ?, ?, now(), ?)
					ON CONFLICT (client_key) DO UPDATE SET base_url = EXCLUDED.base_url, model = EXCLUDED.model,
					    api_key_cipher = EXCLUDED.api_key_cipher, api_key_set_at = EXCLUDED.api_key_set_at,
					    temperature = EXCLUDED.temperature, updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by
					""")
			.params(site.clientKey(), baseUrl, merge(current.model(), change.model()), cipherText,
					(keySetAt == null) ? null : Timestamp.from(keySetAt),
					(temperature == null) ? null : BigDecimal.valueOf(temperature), accountId)
			.update();
		this.caches.evict(AiCaches.SITE_SETTINGS, site.clientKey());
		this.apiKeys.invalidate(site.clientKey());
		return effective(site);
	}

	/**
	 * Returns the site to the operator's default model: its endpoint, model and key are
	 * forgotten (its privacy choice, kept in the same row, stays).
	 */
	@Transactional
	public ModelSettings useDefault(Site site, String accountId) {
		this.jdbc.sql("""
				UPDATE site_ai_settings SET base_url = NULL, model = NULL, api_key_cipher = NULL, api_key_set_at = NULL,
				    temperature = NULL, updated_at = now(), updated_by = ? WHERE client_key = ?
				""").params(accountId, site.clientKey()).update();
		this.caches.evict(AiCaches.SITE_SETTINGS, site.clientKey());
		this.apiKeys.invalidate(site.clientKey());
		return effective(site);
	}

	/**
	 * What an admin may see of the site's own API key.
	 *
	 * @param lastFour the key's last four characters
	 * @param setAt when it was set, or {@code null} when that was before it was recorded
	 */
	public record KeyHint(String lastFour, Instant setAt) {
	}

	/** The hint of the site's own key, empty when it uses the operator's. */
	public Optional<KeyHint> keyHint(Site site) {
		return row(site.clientKey()).filter(r -> r.apiKeyCipher() != null).map(r -> {
			String key = this.cipher.decrypt(r.apiKeyCipher(), site.clientKey());
			return new KeyHint(key.substring(Math.max(0, key.length() - 4)), r.keySetAt());
		});
	}

	/** Whether the operator configured a default API key (a file or a property). */
	public boolean operatorDefaultConfigured() {
		return this.apiKeys.operatorKey().isPresent();
	}

	/** The site's own API key, decrypted, if it set one. */
	Optional<String> siteApiKey(String clientKey) {
		return row(clientKey).map(Row::apiKeyCipher).map(cipherText -> this.cipher.decrypt(cipherText, clientKey));
	}

	/**
	 * Re-encrypts every stored key written with a previous encryption key, after
	 * {@code JIRA_AI_ENCRYPTION_KEY} was rotated (the old key kept in
	 * {@code JIRA_AI_ENCRYPTION_PREVIOUS_KEYS} until this ran).
	 * @return how many keys were re-encrypted
	 */
	@Transactional
	public int reEncryptAll() {
		List<String[]> rows = this.jdbc
			.sql("SELECT client_key, api_key_cipher FROM site_ai_settings WHERE api_key_cipher IS NOT NULL FOR UPDATE")
			.query((rs, n) -> new String[] { rs.getString(1), rs.getString(2) })
			.list();
		int changed = 0;
		for (String[] row : rows) {
			if (this.cipher.needsReEncryption(row[1])) {
				String plain = this.cipher.decrypt(row[1], row[0]);
				this.jdbc.sql("UPDATE site_ai_settings SET api_key_cipher = ? WHERE client_key = ?")
					.params(this.cipher.encrypt(plain, row[0]), row[0])
					.update();
				changed++;
			}
		}
		logger.info("Re-encrypted {} stored API keys with the active encryption key", changed);
		if (changed > 0) {
			this.caches.clear(AiCaches.SITE_SETTINGS);
		}
		return changed;
	}

	/**
	 * After a rotation of {@code JIRA_AI_ENCRYPTION_KEY} (the old key kept in
	 * {@code JIRA_AI_ENCRYPTION_PREVIOUS_KEYS}), rewrites the stored keys under the new
	 * key at start-up, so the old key can be dropped at the next restart.
	 */
	@EventListener(ApplicationReadyEvent.class)
	void reEncryptAfterRotation() {
		if (this.cipher.canEncrypt() && !this.defaults.encryption().previousKeys().isEmpty()) {
			reEncryptAll();
		}
	}

	@EventListener
	void on(SiteDataPurgeDue event) {
		this.jdbc.sql("DELETE FROM site_ai_settings WHERE client_key = ?").param(event.clientKey()).update();
		this.caches.clear(AiCaches.SITE_SETTINGS);
		this.apiKeys.invalidate(event.clientKey());
	}

	/** The site's row, read through {@link AiCaches#SITE_SETTINGS}. */
	private Optional<Row> row(String clientKey) {
		return this.caches.cache(AiCaches.SITE_SETTINGS)
			.get(clientKey,
					() -> this.jdbc
						.sql("SELECT base_url, model, api_key_cipher, api_key_set_at, temperature FROM site_ai_settings"
								+ " WHERE client_key = ?")
						.param(clientKey)
						.query((rs, n) -> new Row(rs.getString(1), rs.getString(2), rs.getString(3),
								instant(rs.getTimestamp(4)),
								(rs.getBigDecimal(5) == null) ? null : rs.getBigDecimal(5).doubleValue()))
						.optional());
	}

	private static String merge(String current, String change) {
		if (change == null) {
			return current;
		}
		return change.isBlank() ? null : change.strip();
	}

	private static Instant instant(Timestamp timestamp) {
		return (timestamp == null) ? null : timestamp.toInstant();
	}

	private record Row(String baseUrl, String model, String apiKeyCipher, Instant keySetAt, Double temperature) {
	}

}

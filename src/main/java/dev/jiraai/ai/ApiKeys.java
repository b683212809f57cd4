package dev.jiraai.ai;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.jiraai.tenancy.Site;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * The API key of each site, read per request (Spring AI asks its {@code ApiKey} on every
 * call) and cached briefly, so a rotated key (a changed secret file, an admin's change)
 * applies without a restart; a 401 from the provider drops the cached key so the next
 * attempt reads it again.
 */
@Component
class ApiKeys {

	private static final Logger logger = LoggerFactory.getLogger(ApiKeys.class);

	private final AiProperties properties;

	private final ObjectProvider<SiteModelSettings> settings;

	private final Cache<String, Optional<String>> cache;

	ApiKeys(AiProperties properties, ObjectProvider<SiteModelSettings> settings) {
		this.properties = properties;
		this.settings = settings;
		this.cache = Caffeine.newBuilder().expireAfterWrite(properties.keyCacheTtl()).maximumSize(10_000).build();
	}

	/**
	 * The key the site's calls use now: its own, else the default (secret file first,
	 * then the property).
	 */
	Optional<String> current(Site site) {
		return this.cache.get(site.clientKey(), this::load);
	}

	/**
	 * Forgets the cached key of a site, e.g. after the provider answered 401 or an admin
	 * changed it.
	 */
	void invalidate(String clientKey) {
		this.cache.invalidate(clientKey);
	}

	private Optional<String> load(String clientKey) {
		try {
			Optional<String> own = this.settings.getObject().siteApiKey(clientKey);
			if (own.isPresent()) {
				return own;
			}
		}
		catch (IllegalStateException ex) {
			logger.error("The stored API key of site {} cannot be used: {}", clientKey, ex.getMessage());
		}
		return operatorKey();
	}

	/** The operator's default key: the secret file first, then the property. */
	Optional<String> operatorKey() {
		if (StringUtils.hasText(this.properties.apiKeyFile())) {
			try {
				String fromFile = Files.readString(Path.of(this.properties.apiKeyFile())).strip();
				if (!fromFile.isEmpty()) {
					return Optional.of(fromFile);
				}
			}
			catch (IOException ex) {
				logger.error("Cannot read the API key file {}: {}", this.properties.apiKeyFile(), ex.getMessage());
			}
		}
		return Optional.ofNullable(this.properties.apiKey()).filter(StringUtils::hasText).map(String::strip);
	}

}

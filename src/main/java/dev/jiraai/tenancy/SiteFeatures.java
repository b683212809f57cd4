package dev.jiraai.tenancy;

import java.util.Map;
import java.util.TreeMap;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.stereotype.Service;

/**
 * Which product features a site can use. Defaults come from configuration
 * ({@code jira-ai.features.*}); a feature is only switched on by default once it is
 * built, so the frontend never offers something that does not exist.
 */
@Service
public class SiteFeatures {

	private final Map<String, Boolean> defaults;

	SiteFeatures(FeatureProperties properties) {
		this.defaults = Map.copyOf(new TreeMap<>(properties.features()));
	}

	/**
	 * The features of a site, by name ({@code assess}, {@code draft}, {@code chat},
	 * {@code standup}).
	 */
	public Map<String, Boolean> forSite(Site site) {
		return this.defaults;
	}

	/**
	 * Feature switches.
	 *
	 * @param features enabled state per feature name
	 */
	@ConfigurationProperties("jira-ai")
	record FeatureProperties(@DefaultValue Map<String, Boolean> features) {
	}

}

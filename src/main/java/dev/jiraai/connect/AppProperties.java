package dev.jiraai.connect;

import java.net.URI;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Identity of this app towards Atlassian: the keys the descriptor and the manifest use
 * and the URL Jira calls.
 *
 * @param key the Connect app key ({@code APP_KEY}); also {@code app.connect.key} in the
 * Forge manifest
 * @param baseUrl the public base URL of this backend ({@code APP_BASE_URL}); the audience
 * of signed installs
 * @param id the Forge app id ({@code APP_ID}), the audience of Forge Invocation Tokens;
 * empty when the app is only installed through Connect
 */
@Validated
@ConfigurationProperties("app")
public record AppProperties(@NotBlank String key, @NotNull URI baseUrl, String id) {

	/**
	 * Whether Forge Invocation Tokens can be checked: they are only accepted for a known
	 * app id.
	 */
	public boolean forgeEnabled() {
		return this.id != null && !this.id.isBlank();
	}

	/** The URL Jira fetches the Connect descriptor from. */
	public URI descriptorUrl() {
		return URI.create(this.baseUrl.toString().replaceAll("/+$", "") + "/atlassian-connect.json");
	}

}

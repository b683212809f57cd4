package dev.jiraai.tenancy;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of site lifecycle handling.
 *
 * @param uninstalledDataRetention how long the data of an uninstalled site is kept before
 * it is deleted; a reinstall within that time keeps it
 * @param purgeInterval how often the app looks for sites whose data is due for deletion
 */
@ConfigurationProperties("jira-ai.tenancy")
record TenancyProperties(@DefaultValue("P30D") Duration uninstalledDataRetention,
		@DefaultValue("PT1H") Duration purgeInterval) {
}

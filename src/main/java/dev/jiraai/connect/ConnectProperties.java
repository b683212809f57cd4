package dev.jiraai.connect;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the Connect and Forge checks this app adds on top of
 * atlassian-connect-spring-boot.
 *
 * @param forgeJwksCacheTtl how long the Forge JWKS is reused before it is fetched again
 * @param forgeJwksRefreshTimeout how long a refresh of the Forge JWKS may take before the
 * request fails
 * @param forgeJwksMinRefreshInterval the shortest interval between two fetches of the
 * Forge JWKS, so a flood of tokens with unknown key ids cannot make the app hammer the
 * key endpoint
 */
@ConfigurationProperties("jira-ai.connect")
record ConnectProperties(@DefaultValue("PT1H") Duration forgeJwksCacheTtl,
		@DefaultValue("PT5S") Duration forgeJwksRefreshTimeout,
		@DefaultValue("PT30S") Duration forgeJwksMinRefreshInterval) {
}

package dev.jiraai.web;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What only the operator of the app may see.
 *
 * @param metricsToken the bearer token of {@code /actuator/prometheus}
 * ({@code JIRA_AI_OPERATOR_METRICS_TOKEN}); without one, metrics are not served to anyone
 */
@ConfigurationProperties("jira-ai.operator")
record OperatorProperties(String metricsToken) {

	boolean metricsEnabled() {
		return this.metricsToken != null && !this.metricsToken.isBlank();
	}

}

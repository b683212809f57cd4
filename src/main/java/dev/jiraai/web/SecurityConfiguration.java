package dev.jiraai.web;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.boot.actuate.autoconfigure.security.servlet.EndpointRequest;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.metrics.export.prometheus.PrometheusScrapeEndpoint;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * HTTP security of the app, replacing the library's chain (ordered after this one, so
 * never reached).
 * <p>
 * Authentication of app endpoints is not decided here: the Connect JWT and Forge token
 * filters fill the security context and atlassian-connect-spring-boot's handler
 * interceptor refuses every handler method not marked {@code @IgnoreJwt}, so a new
 * endpoint is protected by default. What this chain adds: no HTTP basic and no generated
 * password (the library's chain enables basic auth), actuator limited to health and the
 * Prometheus scrape (which needs the operator's token), stateless sessions, no CSRF
 * tokens (every state-changing call carries a signed token, never a cookie), and frames
 * allowed because Jira shows the app's pages in iframes.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	@Bean
	@Order(SecurityProperties.BASIC_AUTH_ORDER)
	SecurityFilterChain appSecurityFilterChain(HttpSecurity http, OperatorProperties operator, ObjectMapper json)
			throws Exception {
		http.securityMatcher("/**")
			.addFilterBefore(new OperatorTokenFilter(operator, json), AuthorizationFilter.class)
			.headers(headers -> headers.frameOptions(frame -> frame.disable())
				.referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN)))
			.csrf(AbstractHttpConfigurer::disable)
			.httpBasic(AbstractHttpConfigurer::disable)
			.formLogin(AbstractHttpConfigurer::disable)
			.logout(AbstractHttpConfigurer::disable)
			.requestCache(AbstractHttpConfigurer::disable)
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.authorizeHttpRequests(authorize -> authorize.requestMatchers(EndpointRequest.to(HealthEndpoint.class))
				.permitAll()
				// Guarded by the operator token filter above.
				.requestMatchers(EndpointRequest.to(PrometheusScrapeEndpoint.class))
				.permitAll()
				.requestMatchers(EndpointRequest.toAnyEndpoint())
				.denyAll()
				.anyRequest()
				.permitAll());
		return http.build();
	}

	/**
	 * No Micrometer observation per security filter, authentication and authorization:
	 * nothing here traces requests, and wrapping each of the chain's filters in an
	 * observation cost about 4 % of an assessment's CPU under load. Requests are still
	 * timed as a whole ({@code http.server.requests}).
	 */
	@Bean
	static SecurityObservationSettings securityObservationSettings() {
		return SecurityObservationSettings.noObservations();
	}

}

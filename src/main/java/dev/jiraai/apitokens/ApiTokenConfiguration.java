package dev.jiraai.apitokens;

import com.atlassian.connect.spring.internal.AtlassianConnectProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jiraai.problem.ProblemMapper;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Registers the API token filter between the Connect library's JWT filter and the Forge
 * Invocation Token filter (both after Spring Security's chain, which would otherwise
 * replace the security context the filter fills).
 */
@Configuration(proxyBeanMethods = false)
class ApiTokenConfiguration {

	@Bean
	FilterRegistrationBean<ApiTokenFilter> apiTokenFilter(ApiTokens tokens, ProblemMapper problems, ObjectMapper json,
			AtlassianConnectProperties connect) {
		FilterRegistrationBean<ApiTokenFilter> registration = new FilterRegistrationBean<>(
				new ApiTokenFilter(tokens, problems, json));
		registration.setOrder(connect.getForgeFilterOrder() - 1);
		return registration;
	}

}

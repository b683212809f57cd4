package dev.jiraai.connect;

import com.atlassian.connect.spring.internal.AtlassianConnectProperties;
import com.atlassian.connect.spring.internal.auth.LifecycleURLHelper;
import com.atlassian.connect.spring.internal.auth.frc.ForgeConnectMappingService;
import com.atlassian.connect.spring.internal.auth.frc.ForgeInvocationTokenAuthenticationFilter;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Registers the Connect and Forge checks this app adds, in the servlet filter chain next
 * to the library's own JWT filter, and switches off the library's Forge filter that
 * {@link ForgeInvocationTokenFilter} replaces.
 */
@Configuration(proxyBeanMethods = false)
class ConnectFilterConfiguration {

	/**
	 * Checks run right before and right after the library's Connect JWT filter, which
	 * fills the security context.
	 */
	private static final int GUARD_ORDER_OFFSET = 1;

	@Bean
	FilterRegistrationBean<ConnectJwtGuardFilter> connectJwtGuardFilter(UnauthenticatedResponder responder,
			AtlassianConnectProperties connect) {
		FilterRegistrationBean<ConnectJwtGuardFilter> registration = new FilterRegistrationBean<>(
				new ConnectJwtGuardFilter(responder));
		registration.setOrder(connect.getJwtFilterOrder() + GUARD_ORDER_OFFSET);
		return registration;
	}

	@Bean
	FilterRegistrationBean<ConnectJwtPrecheckFilter> connectJwtPrecheckFilter(LifecycleURLHelper lifecycleUrls,
			UnauthenticatedResponder responder, AtlassianConnectProperties connect, ObjectMapper json,
			ApplicationEventPublisher events) {
		FilterRegistrationBean<ConnectJwtPrecheckFilter> registration = new FilterRegistrationBean<>(
				new ConnectJwtPrecheckFilter(lifecycleUrls, responder, json, events));
		registration.setOrder(connect.getJwtFilterOrder() - GUARD_ORDER_OFFSET);
		return registration;
	}

	@Bean
	FilterRegistrationBean<ForgeInvocationTokenFilter> forgeInvocationTokenFilter(ForgeInvocationTokens tokens,
			ForgeConnectMappingService mappings, UnauthenticatedResponder responder,
			AtlassianConnectProperties connect) {
		FilterRegistrationBean<ForgeInvocationTokenFilter> registration = new FilterRegistrationBean<>(
				new ForgeInvocationTokenFilter(tokens, mappings, responder));
		registration.setOrder(connect.getForgeFilterOrder());
		return registration;
	}

	/**
	 * The library registers its Forge filter unconditionally; it would re-download the
	 * JWKS on every bearer request and overwrite the association made by
	 * {@link ForgeInvocationTokenFilter}.
	 */
	@Bean
	static BeanPostProcessor disableLibraryForgeFilter() {
		return new BeanPostProcessor() {
			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				if (bean instanceof FilterRegistrationBean<?> registration
						&& registration.getFilter() instanceof ForgeInvocationTokenAuthenticationFilter) {
					registration.setEnabled(false);
				}
				return bean;
			}
		};
	}

}

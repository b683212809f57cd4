package dev.jiraai.admin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.jiraai.tenancy.RequestUsers;

import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Refuses every {@code /api/admin/**} handler to a user who is not a Jira administrator
 * of the site, before the request body is read: a new admin endpoint is guarded by its
 * path, without a check of its own to forget. An unauthenticated request passes through
 * to the Connect library's interceptor, which answers it 401 (this one is ordered last,
 * after it).
 */
@Configuration(proxyBeanMethods = false)
class AdminEndpointGuard implements WebMvcConfigurer {

	static final String ADMIN_PATHS = "/api/admin/**";

	private final SiteAdmins admins;

	AdminEndpointGuard(SiteAdmins admins) {
		this.admins = admins;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(new HandlerInterceptor() {
			@Override
			public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
				RequestUsers.current().ifPresent(AdminEndpointGuard.this.admins::require);
				return true;
			}
		}).addPathPatterns(ADMIN_PATHS).order(Ordered.LOWEST_PRECEDENCE);
	}

}

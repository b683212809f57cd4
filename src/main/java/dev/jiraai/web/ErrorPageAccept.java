package dev.jiraai.web;

import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The error page always answers a problem ({@link ErrorPageProblems}), whatever the
 * refused request accepted: a client of an event stream ({@code Accept:
 * text/event-stream}) that is refused before the stream begins (no token, say) gets its
 * 401 problem, not a 406 from the error page's content negotiation.
 */
@Configuration(proxyBeanMethods = false)
class ErrorPageAccept {

	@Bean
	FilterRegistrationBean<OncePerRequestFilter> problemOnErrorDispatch() {
		FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(
				new OncePerRequestFilter() {
					@Override
					protected boolean shouldNotFilterErrorDispatch() {
						return false;
					}

					@Override
					protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
							FilterChain chain) throws ServletException, IOException {
						chain.doFilter(new AcceptingProblems(request), response);
					}
				});
		registration.setDispatcherTypes(DispatcherType.ERROR);
		return registration;
	}

	private static final class AcceptingProblems extends HttpServletRequestWrapper {

		AcceptingProblems(HttpServletRequest request) {
			super(request);
		}

		@Override
		public String getHeader(String name) {
			return HttpHeaders.ACCEPT.equalsIgnoreCase(name) ? MediaType.APPLICATION_JSON_VALUE : super.getHeader(name);
		}

		@Override
		public Enumeration<String> getHeaders(String name) {
			return HttpHeaders.ACCEPT.equalsIgnoreCase(name)
					? Collections.enumeration(java.util.List.of(MediaType.APPLICATION_JSON_VALUE))
					: super.getHeaders(name);
		}

	}

}

package dev.jiraai.web;

import java.time.Duration;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.resource.EncodedResourceResolver;
import org.springframework.web.servlet.resource.PathResourceResolver;

/**
 * Serves the frontend's hashed assets ({@code /ui/assets/*}, named after their content by
 * Vite) as cacheable forever, and as the {@code .br} or {@code .gz} copy the frontend
 * build writes next to each one when the browser accepts it.
 * <p>
 * The pages themselves are not cached: {@link ConnectPageController} sends them with
 * {@code no-store}, so a deploy reaches users on the next open while unchanged assets
 * come from the browser cache. The Connect JWT filters ignore these requests (they carry
 * no token) and Spring Security leaves an existing {@code Cache-Control} alone.
 */
@Configuration(proxyBeanMethods = false)
class FrontendAssetsConfiguration implements WebMvcConfigurer {

	static final String ASSETS_PATTERN = "/ui/assets/**";

	private static final String ASSETS_LOCATION = "classpath:/static/ui/assets/";

	/** A year, the longest a browser honours; a changed file gets a new name. */
	private static final CacheControl IMMUTABLE = CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable();

	@Override
	public void addResourceHandlers(ResourceHandlerRegistry registry) {
		registry.addResourceHandler(ASSETS_PATTERN)
			.addResourceLocations(ASSETS_LOCATION)
			.setCacheControl(IMMUTABLE)
			.resourceChain(true)
			.addResolver(new EncodedResourceResolver())
			.addResolver(new PathResourceResolver());
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(new VaryOnAcceptEncoding()).addPathPatterns(ASSETS_PATTERN);
	}

	/**
	 * The resolver adds {@code Vary} only to a compressed answer; a shared cache must not
	 * hand the uncompressed one to every later client either, so every asset answer
	 * varies.
	 */
	private static final class VaryOnAcceptEncoding implements HandlerInterceptor {

		@Override
		public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
			response.setHeader(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING);
			return true;
		}

	}

}

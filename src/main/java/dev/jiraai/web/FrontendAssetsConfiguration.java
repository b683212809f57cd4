package dev.jiraai.web;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpHeaders;
import org.springframework.lang.Nullable;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.resource.EncodedResourceResolver;
import org.springframework.web.servlet.resource.PathResourceResolver;
import org.springframework.web.servlet.resource.ResourceResolverChain;

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
			.addResolver(new BrotliFirstResolver())
			.addResolver(new PathResourceResolver());
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(new VaryOnAcceptEncoding()).addPathPatterns(ASSETS_PATTERN);
	}

	/**
	 * Sends the brotli copy whenever the client accepts it. Spring picks the first coding
	 * in the client's list, and browsers list {@code gzip} before {@code br} (without
	 * weights, so the choice is the server's); brotli is some 13% smaller here.
	 */
	static final class BrotliFirstResolver extends EncodedResourceResolver {

		private static final String BROTLI = "br";

		@Override
		protected Resource resolveResourceInternal(@Nullable HttpServletRequest request, String requestPath,
				List<? extends Resource> locations, ResourceResolverChain chain) {
			return super.resolveResourceInternal((request != null) ? brotliFirst(request) : null, requestPath,
					locations, chain);
		}

		private static HttpServletRequest brotliFirst(HttpServletRequest request) {
			String accepted = request.getHeader(HttpHeaders.ACCEPT_ENCODING);
			if (accepted == null) {
				return request;
			}
			List<String> codings = Arrays.stream(accepted.toLowerCase(Locale.ROOT).split(","))
				.map(String::trim)
				.toList();
			if (!codings.contains(BROTLI) || codings.get(0).equals(BROTLI)) {
				// Absent, weighted (then not reordered) or already first.
				return request;
			}
			String reordered = BROTLI + ", "
					+ String.join(", ", codings.stream().filter(coding -> !coding.equals(BROTLI)).toList());
			return new HttpServletRequestWrapper(request) {

				@Override
				public String getHeader(String name) {
					return HttpHeaders.ACCEPT_ENCODING.equalsIgnoreCase(name) ? reordered : super.getHeader(name);
				}

			};
		}

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

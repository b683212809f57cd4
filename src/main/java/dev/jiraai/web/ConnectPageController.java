package dev.jiraai.web;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.atlassian.connect.spring.AtlassianHostUser;
import dev.jiraai.connect.AllJs;

import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.util.HtmlUtils;

/**
 * Serves the pages of the Connect modules (issue glance and panel, draft dialog,
 * assistant page, admin page): the frontend's built HTML entry with Jira's {@code all.js}
 * and a base URL for its assets put in.
 * <p>
 * Jira loads these URLs in iframes with a {@code jwt} query parameter whose {@code qsh}
 * covers the page URL; the library checks it because this controller is not
 * {@code @ContextJwt}. Under Forge the same entries are served by Forge itself from
 * {@code frontend/dist} and never reach this controller.
 */
@Controller
class ConnectPageController {

	static final Set<String> SURFACES = Set.of("issue-panel", "issue-glance", "draft", "assistant", "admin");

	private static final String ALL_JS_PLACEHOLDER = "<!-- connect-all-js -->";

	private static final String ASSETS_BASE = "/ui/";

	private final Map<String, String> templates = new ConcurrentHashMap<>();

	private final AllJs allJs;

	ConnectPageController(AllJs allJs) {
		this.allJs = allJs;
	}

	@GetMapping("/connect/{surface}")
	ResponseEntity<String> page(@PathVariable String surface, @AuthenticationPrincipal AtlassianHostUser hostUser) {
		if (!SURFACES.contains(surface)) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No page '%s'".formatted(surface));
		}
		String html = this.templates.computeIfAbsent(surface, ConnectPageController::load)
			.replace(ALL_JS_PLACEHOLDER,
					"<base href=\"%s\"><script src=\"%s\" data-options=\"sizeToParent:true\"></script>"
						.formatted(ASSETS_BASE, HtmlUtils.htmlEscape(this.allJs.url())));
		return ResponseEntity.ok()
			.contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
			.header("Content-Security-Policy", contentSecurityPolicy(hostUser))
			.header(HttpHeaders.CACHE_CONTROL, "no-store")
			.body(html);
	}

	/**
	 * Only this app's own scripts and Jira's {@code all.js}; images from the app or
	 * inline data only (so a Markdown image in model output cannot make the browser call
	 * anywhere); framed only by the site that signed the request.
	 */
	private String contentSecurityPolicy(AtlassianHostUser hostUser) {
		URI allJs = URI.create(this.allJs.url());
		String allJsOrigin = allJs.getScheme() + "://" + allJs.getAuthority();
		URI site = URI.create(hostUser.getHost().getBaseUrl());
		String siteOrigin = site.getScheme() + "://" + site.getAuthority();
		return String.join("; ", "default-src 'self'", "script-src 'self' " + allJsOrigin,
				"style-src 'self' 'unsafe-inline'", "img-src 'self' data:", "font-src 'self' data:",
				"connect-src 'self' " + allJsOrigin, "frame-ancestors " + siteOrigin, "base-uri 'self'",
				"form-action 'self'", "object-src 'none'");
	}

	private static String load(String surface) {
		ClassPathResource resource = new ClassPathResource("static/ui/" + surface + ".html");
		if (!resource.exists()) {
			throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE,
					"The frontend of '%s' is not built: run the Maven build without -Dfrontend.skip"
						.formatted(surface));
		}
		try (InputStream in = resource.getInputStream()) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new ResponseStatusException(HttpStatus.INTERNAL_SERVER_ERROR, "Could not read the page", ex);
		}
	}

}

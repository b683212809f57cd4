package dev.jiraai.jira.adf;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Decides which link targets written in untrusted Markdown may become clickable ADF
 * links.
 */
final class LinkPolicy {

	private static final Set<String> SAFE_SCHEMES = Set.of("http", "https", "mailto");

	/**
	 * RFC 3986 scheme syntax: a link with one is absolute, so it is either allowed or
	 * dropped, never a mention.
	 */
	private static final Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*):");

	private LinkPolicy() {
	}

	/**
	 * Whether a link target may be kept as an ADF {@code link} mark.
	 * @param href the link target as written, may be {@code null}
	 * @return {@code true} only for {@code http}, {@code https} and {@code mailto}
	 * targets without control characters or whitespace, which could otherwise smuggle a
	 * different target past a renderer
	 */
	static boolean isSafe(String href) {
		if (href == null || href.isEmpty() || href.chars().anyMatch((c) -> c <= ' ' || c == 0x7F)) {
			return false;
		}
		var matcher = SCHEME.matcher(href);
		return matcher.find() && SAFE_SCHEMES.contains(matcher.group(1).toLowerCase(Locale.ROOT));
	}

	/**
	 * Whether a link target starts with a URL scheme (safe or not).
	 * @param href the link target
	 * @return {@code true} when the target is an absolute URI such as
	 * {@code javascript:...}
	 */
	static boolean hasScheme(String href) {
		return SCHEME.matcher(href).find();
	}

}

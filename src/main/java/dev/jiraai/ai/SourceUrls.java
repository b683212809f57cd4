package dev.jiraai.ai;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.parser.Parser;

/**
 * The URLs the model's sources contained (an issue's text and comments, a user's
 * request): only these may stay links in what the model writes.
 *
 * @param urls the URLs, normalized by {@link #normalize(String)}
 */
public record SourceUrls(Set<String> urls) {

	/**
	 * What reads as a URL in text: an absolute URI with {@code //}, a {@code www.} host,
	 * a {@code mailto:} address or a bare e-mail address (GitHub-flavoured Markdown links
	 * the last three on its own).
	 */
	static final Pattern URL_IN_TEXT = Pattern
		.compile("(?i)(?:\\b[a-z][a-z0-9+.-]*+://|\\bwww\\.|\\bmailto:)[^\\s<>`]++"
				// An address starts where no address character is before it; without that
				// check, every position inside every word was a start to try (quadratic).
				+ "|(?<![\\w.+-])[\\w.+-]++@[\\w-]+(?:\\.[\\w-]+)+");

	private static final Parser parser = Parser.builder().build();

	public SourceUrls {
		urls = Set.copyOf(urls);
	}

	/**
	 * The URLs in some texts, Markdown or plain: link and image targets, and anything in
	 * the text that reads as a URL (code included, since it was written there too).
	 * @param texts the texts; {@code null}s are skipped
	 */
	public static SourceUrls in(Iterable<String> texts) {
		Set<String> urls = new HashSet<>();
		for (String text : texts) {
			if (text == null || text.isBlank()) {
				continue;
			}
			Matcher matcher = URL_IN_TEXT.matcher(text);
			while (matcher.find()) {
				urls.add(normalize(trimTrailing(matcher.group())));
			}
			if (text.indexOf('[') < 0 && text.indexOf('<') < 0) {
				// No Markdown link, image, reference or autolink without a bracket.
				continue;
			}
			parser.parse(text).accept(new AbstractVisitor() {
				@Override
				public void visit(Link link) {
					urls.add(normalize(link.getDestination()));
					visitChildren(link);
				}

				@Override
				public void visit(Image image) {
					urls.add(normalize(image.getDestination()));
				}
			});
		}
		return new SourceUrls(urls);
	}

	/** Whether the sources contained this URL (compared normalized). */
	public boolean contains(String url) {
		return url != null && this.urls.contains(normalize(url));
	}

	/**
	 * A URL as compared: without {@code http(s)://} or {@code mailto:}, the host in lower
	 * case, without a trailing slash.
	 */
	static String normalize(String url) {
		String value = url.strip();
		String lower = value.toLowerCase(Locale.ROOT);
		for (String prefix : new String[] { "https://", "http://", "mailto:" }) {
			if (lower.startsWith(prefix)) {
				value = value.substring(prefix.length());
				break;
			}
		}
		int end = value.length();
		for (char stop : new char[] { '/', '?', '#' }) {
			int index = value.indexOf(stop);
			if (index >= 0 && index < end) {
				end = index;
			}
		}
		value = value.substring(0, end).toLowerCase(Locale.ROOT) + value.substring(end);
		while (value.endsWith("/")) {
			value = value.substring(0, value.length() - 1);
		}
		return value;
	}

	/**
	 * Drops punctuation that ends a sentence rather than the URL, and a closing
	 * parenthesis without its opening one, as GitHub does when it links text.
	 */
	static String trimTrailing(String url) {
		String value = url;
		while (!value.isEmpty()) {
			char last = value.charAt(value.length() - 1);
			if (".,;:!?'\"*_~".indexOf(last) >= 0) {
				value = value.substring(0, value.length() - 1);
			}
			else if (last == ')' && count(value, '(') < count(value, ')')) {
				value = value.substring(0, value.length() - 1);
			}
			else {
				return value;
			}
		}
		return value;
	}

	private static long count(String text, char c) {
		return text.chars().filter(ch -> ch == c).count();
	}

}

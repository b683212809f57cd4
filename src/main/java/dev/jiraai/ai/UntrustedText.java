package dev.jiraai.ai;

import java.util.regex.Pattern;

/**
 * Prepares text that comes from Jira users (issue text, comments, names, chat messages)
 * for a prompt: invisible and direction-changing characters are removed (they hide
 * instructions from people reviewing a ticket), and the text is fenced as data that the
 * system prompts tell the model never to follow.
 */
public final class UntrustedText {

	/**
	 * Zero-width characters, bidi embeddings, overrides and isolates, the BOM, soft
	 * hyphen and other format characters used to hide text.
	 */
	private static final Pattern INVISIBLE = Pattern
		.compile("[\\u00AD\\u180E\\u200B-\\u200F\\u202A-\\u202E\\u2060-\\u206F\\uFEFF\\uFFF9-\\uFFFB]");

	/** Other control characters except tab, line feed and carriage return. */
	private static final Pattern CONTROL = Pattern.compile("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F]");

	private static final Pattern FENCE_TAG = Pattern.compile("(?i)</?\\s*untrusted_data[^>]*>");

	private UntrustedText() {
	}

	/** The text without invisible, bidi and control characters. */
	public static String strip(String text) {
		if (text == null) {
			return "";
		}
		return CONTROL.matcher(INVISIBLE.matcher(text).replaceAll("")).replaceAll("");
	}

	/**
	 * The text stripped and wrapped in an {@code untrusted_data} element; any such tag
	 * inside the text is defused so it cannot close the fence early.
	 * @param source what the data is (e.g. {@code issue}), shown to the model
	 */
	public static String fence(String source, String text) {
		String cleaned = FENCE_TAG.matcher(strip(text)).replaceAll("[removed tag]");
		return "<untrusted_data source=\"%s\">\n%s\n</untrusted_data>"
			.formatted(source.replaceAll("[^A-Za-z0-9_-]", ""), cleaned);
	}

}

package dev.jiraai.jira.adf;

/**
 * The whitespace definitions of the CommonMark specification, shared by both conversion
 * directions so that they agree on where emphasis may start and end.
 */
final class Whitespace {

	private Whitespace() {
	}

	/**
	 * Whether a code point is "Unicode whitespace" as CommonMark defines it for emphasis
	 * flanking rules.
	 * @param codePoint the code point
	 * @return {@code true} for tab, line feed, form feed, carriage return and the space
	 * separators (Zs)
	 */
	static boolean isUnicodeWhitespace(int codePoint) {
		return codePoint == '\t' || codePoint == '\n' || codePoint == '\f' || codePoint == '\r'
				|| Character.getType(codePoint) == Character.SPACE_SEPARATOR;
	}

	/**
	 * Whether a character is a space or tab, the only characters Markdown strips around
	 * line breaks.
	 * @param c the character
	 * @return {@code true} for a space or a tab
	 */
	static boolean isSpaceOrTab(char c) {
		return c == ' ' || c == '\t';
	}

	/**
	 * The length of the Unicode whitespace at the start of a text.
	 * @param text the text
	 * @return the number of chars of leading whitespace
	 */
	static int leading(String text) {
		int i = 0;
		while (i < text.length()) {
			int cp = text.codePointAt(i);
			if (!isUnicodeWhitespace(cp)) {
				break;
			}
			i += Character.charCount(cp);
		}
		return i;
	}

	/**
	 * The length of the Unicode whitespace at the end of a text.
	 * @param text the text
	 * @return the number of chars of trailing whitespace
	 */
	static int trailing(String text) {
		int i = text.length();
		while (i > 0) {
			int cp = text.codePointBefore(i);
			if (!isUnicodeWhitespace(cp)) {
				break;
			}
			i -= Character.charCount(cp);
		}
		return text.length() - i;
	}

}

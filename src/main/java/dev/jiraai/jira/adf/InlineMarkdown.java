package dev.jiraai.jira.adf;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Writes the inline content of one ADF block as Markdown: marks become delimiters that
 * nest properly across neighbouring text nodes, and text is escaped only where a
 * character would otherwise change the meaning.
 */
final class InlineMarkdown {

	/** Node types ADF places inside a block's text, as opposed to block nodes. */
	static final Set<String> INLINE_TYPES = Set.of("text", "hardBreak", "mention", "emoji", "date", "status",
			"inlineCard", "placeholder", "inlineExtension", "mediaInline");

	private static final Pattern ENTITY = Pattern
		.compile("&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});");

	/**
	 * What CommonMark accepts between angle brackets as a URI autolink, which it takes
	 * literally.
	 */
	private static final Pattern AUTOLINK_URI = Pattern
		.compile("[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\\s<>\\x00-\\x1F\\x7F]*");

	/** What CommonMark accepts between angle brackets as an e-mail autolink. */
	private static final Pattern AUTOLINK_EMAIL = Pattern.compile("[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9]"
			+ "(?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*");

	/**
	 * A line GFM would read as the delimiter row of a table, turning the line above into
	 * a table header.
	 */
	private static final Pattern TABLE_DELIMITER_ROW = Pattern.compile("\\|?\\s*:?-+:?\\s*(?:\\|\\s*:?-+:?\\s*)*\\|?");

	private static final Pattern ATX_HEADING = Pattern.compile("#{1,6}(?:[ \t]|$)");

	private static final Pattern ORDERED_MARKER = Pattern.compile("^[0-9]{1,9}[.)](?:[ \t]|$)");

	private final StringBuilder out = new StringBuilder();

	private final List<OpenMark> open = new ArrayList<>();

	private final Mode mode;

	private InlineMarkdown(Mode mode) {
		this.mode = mode;
	}

	/**
	 * Renders inline nodes.
	 * @param nodes the nodes, usually a block's {@code content}
	 * @param mode where the text goes
	 * @return the Markdown, without a trailing line break
	 */
	static String render(List<JsonNode> nodes, Mode mode) {
		InlineMarkdown writer = new InlineMarkdown(mode);
		for (int i = 0; i < nodes.size(); i++) {
			writer.node(nodes, i);
		}
		writer.closeAllExcept(Set.of());
		String markdown = writer.out.toString();
		// GFM splits table rows at pipes before parsing the cells, even inside code spans
		// and links.
		return (mode == Mode.TABLE_CELL) ? markdown.replace("|", "\\|") : markdown;
	}

	private void node(List<JsonNode> nodes, int index) {
		JsonNode node = nodes.get(index);
		String type = node.path("type").asText();
		if ("hardBreak".equals(type) && continuesLine(nodes, index + 1)) {
			// Emphasis may span lines, so marks continuing on the next line stay open:
			// "**a\nb**", not "**a**\n**b**".
			atom(node);
			return;
		}
		if (!"text".equals(type)) {
			closeAllExcept(Set.of());
			atom(node);
			return;
		}
		String text = node.path("text").asText("");
		if (text.isEmpty()) {
			return;
		}
		boolean code = hasMark(node, "code");
		boolean blank = !code && Whitespace.leading(text) == text.length();
		Set<Mark> target = new LinkedHashSet<>(marks(node));
		// Markdown has no emphasis made only of whitespace: such text only continues
		// emphasis that is already open.
		target.removeIf((mark) -> blank && mark.isEmphasis() && !isOpen(mark));
		closeAllExcept(target);
		List<Mark> toOpen = target.stream()
			.filter((mark) -> !isOpen(mark))
			.sorted(Comparator.comparingInt((Mark mark) -> -extent(nodes, index, mark))
				.thenComparingInt(Mark::nestingRank))
			.toList();
		int leading = (code || blank) ? 0 : Whitespace.leading(text);
		boolean leadingWritten = false;
		boolean autolink = false;
		for (Mark mark : toOpen) {
			// Emphasis cannot start with whitespace (it would not be left-flanking), so
			// the whitespace goes first.
			if (mark.isEmphasis() && !leadingWritten && leading > 0) {
				text(text.substring(0, leading), false, false);
				text = text.substring(leading);
				leadingWritten = true;
			}
			if (!code && isAutolink(mark, text) && extent(nodes, index, mark) == 1) {
				autolink = true;
			}
			else {
				openMark(mark);
			}
		}
		if (autolink) {
			// A link showing its own target reads best as <target>, which CommonMark
			// reads back as the same link.
			this.out.append('<').append(text).append('>');
		}
		else if (code) {
			codeSpan(text);
		}
		else {
			text(text, opens(nodes, index + 1, Mark.Type.LINK), opens(nodes, index + 1, Mark.Type.STRIKE));
		}
	}

	private static boolean continuesLine(List<JsonNode> nodes, int index) {
		if (index >= nodes.size() || !"text".equals(nodes.get(index).path("type").asText())) {
			return false;
		}
		String text = nodes.get(index).path("text").asText("");
		return !text.isEmpty() && !Whitespace.isUnicodeWhitespace(text.codePointAt(0));
	}

	private static boolean isAutolink(Mark mark, String text) {
		if (mark.type() != Mark.Type.LINK) {
			return false;
		}
		if (text.equals(mark.href())) {
			return AUTOLINK_URI.matcher(text).matches();
		}
		return mark.href().equals("mailto:" + text) && AUTOLINK_EMAIL.matcher(text).matches();
	}

	private void atom(JsonNode node) {
		JsonNode attrs = node.path("attrs");
		switch (node.path("type").asText()) {
			case "hardBreak" -> {
				boolean emptyLine = this.out.isEmpty() || this.out.charAt(this.out.length() - 1) == '\n';
				// A backslash keeps an empty line from ending the paragraph.
				this.out.append((this.mode != Mode.PARAGRAPH) ? " " : (emptyLine ? "\\\n" : "\n"));
			}
			case "mention" -> {
				String name = attrs.path("text").asText("");
				this.out.append("@[")
					.append(escape(name.startsWith("@") ? name.substring(1) : name, false, false, true, false))
					.append("](")
					.append(destination(attrs.path("id").asText("")))
					.append(')');
			}
			case "emoji" -> {
				String text = attrs.path("text").asText("");
				this.out.append(text.isBlank() ? attrs.path("shortName").asText("") : text);
			}
			case "date" -> this.out.append(isoDate(attrs.path("timestamp").asText("")));
			case "status" -> this.out.append('[').append(attrs.path("text").asText("")).append(']');
			case "inlineCard" -> this.out.append(cardUrl(attrs));
			case "mediaInline" -> this.out.append(attachment(attrs));
			case "inlineExtension" -> text(attrs.path("text").asText(""), false, false);
			case "placeholder" -> {
				// A placeholder is the editor's prompt for text still to be written, not
				// content.
			}
			default -> text(collectText(node), false, false);
		}
	}

	/**
	 * The text of a node of a type this converter does not know, such as one added to ADF
	 * later.
	 * @param node the node
	 * @return its own {@code text} or, recursively, that of its content, in document
	 * order
	 */
	static String collectText(JsonNode node) {
		StringBuilder text = new StringBuilder();
		// Iterative, as the nesting of a document is unbounded.
		Deque<JsonNode> pending = new ArrayDeque<>();
		pending.push(node);
		while (!pending.isEmpty()) {
			JsonNode next = pending.pop();
			if (next.path("text").isTextual()) {
				text.append(next.path("text").asText());
				continue;
			}
			JsonNode content = next.path("content");
			if (content.isArray() && !content.isEmpty()) {
				for (int i = content.size() - 1; i >= 0; i--) {
					pending.push(content.get(i));
				}
			}
			else if (next.path("attrs").path("text").isTextual()) {
				text.append(next.path("attrs").path("text").asText());
			}
		}
		return text.toString();
	}

	static String attachment(JsonNode attrs) {
		String name = attrs.path("alt").asText("");
		if (name.isBlank()) {
			name = attrs.path("url").asText("");
		}
		return name.isBlank() ? "[attachment]" : "[attachment: " + name.strip() + "]";
	}

	static String cardUrl(JsonNode attrs) {
		String url = attrs.path("url").asText("");
		return url.isEmpty() ? attrs.path("data").path("url").asText("") : url;
	}

	private static String isoDate(String timestamp) {
		try {
			Instant instant = Instant.ofEpochMilli(Long.parseLong(timestamp.strip()));
			return instant.atOffset(ZoneOffset.UTC).toLocalDate().toString();
		}
		catch (NumberFormatException | DateTimeException ex) {
			return timestamp;
		}
	}

	/**
	 * Writes escaped text.
	 * @param beforeLink whether a link opens right after the text
	 * @param beforeStrike whether strikethrough opens right after the text, which a tilde
	 * would lengthen
	 */
	private void text(String text, boolean beforeLink, boolean beforeStrike) {
		String escaped;
		if (this.mode == Mode.PARAGRAPH) {
			boolean lineStart = this.out.isEmpty() || this.out.charAt(this.out.length() - 1) == '\n';
			escaped = escape(text, lineStart, true, isOpen(Mark.Type.LINK), beforeLink);
		}
		else {
			escaped = escape(text.replace('\n', ' '), false, false, isOpen(Mark.Type.LINK), beforeLink);
		}
		// A tilde next to a ~~ delimiter would make a longer run, which no longer pairs.
		boolean afterTilde = !this.out.isEmpty() && this.out.charAt(this.out.length() - 1) == '~';
		if (afterTilde && escaped.startsWith("~")) {
			escaped = "\\" + escaped;
		}
		if (beforeStrike && escaped.endsWith("~") && !escaped.endsWith("\\~")) {
			escaped = escaped.substring(0, escaped.length() - 1) + "\\~";
		}
		this.out.append(escaped);
	}

	private void codeSpan(String code) {
		String content = code.replace('\n', ' ');
		int longest = 0;
		int run = 0;
		for (int i = 0; i < content.length(); i++) {
			run = (content.charAt(i) == '`') ? run + 1 : 0;
			longest = Math.max(longest, run);
		}
		String fence = "`".repeat(longest + 1);
		// CommonMark strips one space from each end when both ends have one, and a
		// backtick next to the fence
		// would lengthen it: padding keeps the content exact.
		boolean pad = content.startsWith("`") || content.endsWith("`")
				|| (content.startsWith(" ") && content.endsWith(" ") && !content.isBlank());
		String padding = pad ? " " : "";
		this.out.append(fence).append(padding).append(content).append(padding).append(fence);
	}

	private void openMark(Mark mark) {
		this.out.append(mark.type().opening);
		this.open.add(new OpenMark(mark, this.out.length()));
	}

	private void closeAllExcept(Set<Mark> keep) {
		int kept = 0;
		while (kept < this.open.size() && keep.contains(this.open.get(kept).mark())) {
			kept++;
		}
		for (int i = this.open.size() - 1; i >= kept; i--) {
			close(this.open.remove(i));
		}
	}

	private void close(OpenMark openMark) {
		Mark mark = openMark.mark();
		if (mark.type() == Mark.Type.LINK) {
			this.out.append("](").append(destination(mark.href()));
			if (mark.title() != null && !mark.title().isEmpty()) {
				this.out.append(" \"")
					.append(escapeEntities(mark.title().replace("\\", "\\\\").replace("\"", "\\\"")))
					.append('"');
			}
			this.out.append(')');
			return;
		}
		// Emphasis cannot end with whitespace (it would not be right-flanking), so the
		// whitespace goes after it.
		int start = this.out.length();
		while (start > openMark.contentStart() && Whitespace.isUnicodeWhitespace(this.out.codePointBefore(start))) {
			start -= Character.charCount(this.out.codePointBefore(start));
		}
		String whitespace = this.out.substring(start);
		this.out.setLength(start);
		if (mark.type() == Mark.Type.STRIKE && start > 0 && this.out.charAt(start - 1) == '~'
				&& (start < 2 || this.out.charAt(start - 2) != '\\')) {
			// A tilde before the closing ~~ would make a longer run, which no longer
			// pairs.
			this.out.insert(start - 1, '\\');
		}
		this.out.append(mark.type().closing).append(whitespace);
	}

	private boolean isOpen(Mark mark) {
		return this.open.stream().anyMatch((openMark) -> openMark.mark().equals(mark));
	}

	private boolean isOpen(Mark.Type type) {
		return this.open.stream().anyMatch((openMark) -> openMark.mark().type() == type);
	}

	private boolean opens(List<JsonNode> nodes, int index, Mark.Type type) {
		if (index >= nodes.size()) {
			return false;
		}
		return marks(nodes.get(index)).stream().anyMatch((mark) -> mark.type() == type && !isOpen(mark));
	}

	private static int extent(List<JsonNode> nodes, int from, Mark mark) {
		int end = from;
		while (end < nodes.size() && marks(nodes.get(end)).contains(mark)) {
			end++;
		}
		return end - from;
	}

	private static boolean hasMark(JsonNode node, String type) {
		for (JsonNode mark : node.path("marks")) {
			if (type.equals(mark.path("type").asText())) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The marks Markdown can express; underline, colours, sub/superscript and annotations
	 * keep only their text.
	 */
	private static List<Mark> marks(JsonNode node) {
		List<Mark> marks = new ArrayList<>();
		for (JsonNode mark : node.path("marks")) {
			switch (mark.path("type").asText()) {
				case "strong" -> marks.add(new Mark(Mark.Type.STRONG, null, null));
				case "em" -> marks.add(new Mark(Mark.Type.EM, null, null));
				case "strike" -> marks.add(new Mark(Mark.Type.STRIKE, null, null));
				case "link" -> {
					String href = mark.path("attrs").path("href").asText("");
					if (!href.isEmpty()) {
						String title = mark.path("attrs").path("title").asText(null);
						marks.add(new Mark(Mark.Type.LINK, href, title));
					}
				}
				default -> {
				}
			}
		}
		return marks;
	}

	/**
	 * A link destination, in angle brackets when it holds characters that would end a
	 * bare one.
	 * @param href the target
	 * @return the Markdown link destination
	 */
	static String destination(String href) {
		String escaped = escapeEntities(href.replace("\\", "\\\\"));
		boolean needsBrackets = escaped.isEmpty()
				|| escaped.chars().anyMatch((c) -> c <= ' ' || c == '(' || c == ')' || c == '<' || c == '>');
		if (!needsBrackets) {
			return escaped;
		}
		return "<" + escaped.replace("\n", "%0A").replace("\r", "%0D").replace("<", "\\<").replace(">", "\\>") + ">";
	}

	static String escapeEntities(String text) {
		return ENTITY.matcher(text)
			.replaceAll((match) -> "\\\\" + match.group().replace("\\", "\\\\").replace("$", "\\$"));
	}

	/**
	 * Escapes text so that Markdown reads it back unchanged, leaving characters alone
	 * where they cannot start or end markup (so {@code snake_case} and {@code 2 * 3} stay
	 * as they are).
	 * @param text the text
	 * @param lineStart whether the text starts a line, where block markers ({@code #},
	 * {@code >}, list markers) apply
	 * @param multiLine whether a line feed in the text starts a new line of a paragraph
	 * (and not a space)
	 * @param inLink whether the text is inside link brackets, where any bracket would
	 * change them
	 * @param beforeLink whether a link follows, which a trailing {@code !} would turn
	 * into an image
	 * @return the escaped text
	 */
	static String escape(String text, boolean lineStart, boolean multiLine, boolean inLink, boolean beforeLink) {
		StringBuilder escaped = new StringBuilder(text.length() + 8);
		boolean atLineStart = lineStart;
		int i = 0;
		while (i < text.length()) {
			if (atLineStart) {
				i = escapeLineStart(text, i, escaped);
				atLineStart = false;
				if (i >= text.length()) {
					break;
				}
			}
			char c = text.charAt(i);
			char previous = (i > 0) ? text.charAt(i - 1) : 0;
			char next = (i + 1 < text.length()) ? text.charAt(i + 1) : 0;
			boolean escape = switch (c) {
				case '\\' -> next == 0 || isAsciiPunctuation(next);
				case '`' -> true;
				case '[' -> inLink;
				// Without "](", "][" or "]:" brackets cannot form a link, as no reference
				// definitions are written.
				case ']' -> inLink || next == '(' || next == '[' || next == ':';
				case '*' -> !(isWhitespace(previous) && isWhitespace(next));
				case '_' -> !(Character.isLetterOrDigit(previous) && Character.isLetterOrDigit(next));
				case '~' -> previous == '~' || next == '~';
				case '<' -> Character.isLetter(next) || next == '/' || next == '!' || next == '?';
				case '&' -> ENTITY.matcher(text).region(i, text.length()).lookingAt();
				case '!' -> next == 0 && beforeLink;
				default -> false;
			};
			if (escape) {
				escaped.append('\\');
			}
			escaped.append(c);
			if (c == '\n') {
				atLineStart = multiLine;
			}
			i++;
		}
		return escaped.toString();
	}

	/**
	 * Escapes what would start a block at the start of a line: a heading, quote, list
	 * item, thematic break, setext underline or table delimiter row (code fences are
	 * escaped with every backtick and tilde pair).
	 * @return the index of the first character not yet copied
	 */
	private static int escapeLineStart(String text, int start, StringBuilder escaped) {
		int lineEnd = text.indexOf('\n', start);
		String line = text.substring(start, (lineEnd < 0) ? text.length() : lineEnd);
		int i = 0;
		// Up to three spaces of indentation still start a block.
		while (i < 3 && i < line.length() && line.charAt(i) == ' ') {
			escaped.append(' ');
			i++;
		}
		String rest = line.substring(i);
		if (rest.isEmpty()) {
			return start + i;
		}
		char first = rest.charAt(0);
		char second = (rest.length() > 1) ? rest.charAt(1) : 0;
		boolean markerFollowedBySpace = second == 0 || second == ' ' || second == '\t';
		boolean escape = switch (first) {
			case '#' -> ATX_HEADING.matcher(rest).lookingAt();
			case '>' -> true;
			case '-' -> markerFollowedBySpace || rest.strip().chars().allMatch((c) -> c == '-' || c == ' ');
			case '+' -> markerFollowedBySpace;
			case '=' -> rest.strip().chars().allMatch((c) -> c == '=');
			default -> false;
		};
		// An escaped first character is not a valid delimiter cell, so the line stays
		// text.
		escape |= rest.indexOf('|') >= 0 && TABLE_DELIMITER_ROW.matcher(rest.strip()).matches();
		if (escape) {
			escaped.append('\\').append(first);
			return start + i + 1;
		}
		var ordered = ORDERED_MARKER.matcher(rest);
		if (ordered.find()) {
			int delimiter = 0;
			while (Character.isDigit(rest.charAt(delimiter))) {
				delimiter++;
			}
			escaped.append(rest, 0, delimiter).append('\\').append(rest.charAt(delimiter));
			return start + i + delimiter + 1;
		}
		return start + i;
	}

	private static boolean isWhitespace(char c) {
		return c != 0 && Whitespace.isUnicodeWhitespace(c);
	}

	private static boolean isAsciiPunctuation(char c) {
		return c < 128 && "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~".indexOf(c) >= 0;
	}

	/**
	 * Where inline content is written.
	 */
	enum Mode {

		/** A paragraph: line breaks are kept and each line start is escaped. */
		PARAGRAPH,

		/** A heading or other single line: line breaks become spaces. */
		SINGLE_LINE,

		/** A GFM table cell: a single line, with pipes escaped. */
		TABLE_CELL

	}

	/**
	 * A mark Markdown can express.
	 *
	 * @param type the kind of mark
	 * @param href the link target, {@code null} unless a link
	 * @param title the link title, may be {@code null}
	 */
	record Mark(Type type, String href, String title) {

		boolean isEmphasis() {
			return this.type != Type.LINK;
		}

		/**
		 * When marks open together, links go outside emphasis: both parse alike, and this
		 * reads naturally.
		 */
		int nestingRank() {
			return this.type.ordinal();
		}

		enum Type {

			LINK("[", null), STRONG("**", "**"), EM("*", "*"), STRIKE("~~", "~~");

			private final String opening;

			private final String closing;

			Type(String opening, String closing) {
				this.opening = opening;
				this.closing = closing;
			}

		}

	}

	private record OpenMark(Mark mark, int contentStart) {

	}

}

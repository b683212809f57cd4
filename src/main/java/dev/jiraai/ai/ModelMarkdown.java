package dev.jiraai.ai;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.Code;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.SourceSpan;
import org.commonmark.node.Text;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;

/**
 * Makes the Markdown a model wrote safe to show and to write to Jira: a link, autolink or
 * URL in the text whose target its sources did not contain becomes inert text (the link's
 * text, then the URL as code, which no renderer links), and every image becomes its alt
 * text, so an answer steered by a ticket cannot plant links to another host.
 */
public final class ModelMarkdown {

	private static final Parser parser = Parser.builder()
		.extensions(List.of(TablesExtension.create()))
		.includeSourceSpans(IncludeSourceSpans.BLOCKS_AND_INLINES)
		.build();

	/** A scheme, or {@code //}: a link to somewhere else rather than a mention id. */
	private static final Pattern ABSOLUTE = Pattern.compile("^(?:[A-Za-z][A-Za-z0-9+.-]*:|//|www\\.)");

	/** Characters that could make escaped plain text read as Markdown again. */
	private static final Pattern MARKDOWN_PUNCTUATION = Pattern.compile("[\\\\`*_\\[\\]<>!#|~()&]");

	private ModelMarkdown() {
	}

	/**
	 * The Markdown with foreign links, URLs and all images made inert.
	 * @param markdown the model's Markdown; {@code null} stays {@code null}
	 * @param sources the URLs that may stay links
	 * @return the same text when there was nothing to change
	 */
	public static String withoutForeignLinks(String markdown, SourceUrls sources) {
		if (markdown == null || markdown.isBlank()) {
			return markdown;
		}
		List<Edit> edits = new ArrayList<>();
		collect(parser.parse(markdown), sources, edits, false);
		if (edits.isEmpty()) {
			return markdown;
		}
		edits.sort(Comparator.comparingInt(Edit::start).reversed());
		StringBuilder text = new StringBuilder(markdown);
		int limit = Integer.MAX_VALUE;
		for (Edit edit : edits) {
			// Nested edits cannot happen (a replaced node's children are not visited);
			// the guard keeps a parser surprise from corrupting the text.
			if (edit.end() <= limit) {
				text.replace(edit.start(), edit.end(), edit.replacement());
				limit = edit.start();
			}
		}
		return text.toString();
	}

	/** {@link #withoutForeignLinks(String, SourceUrls)} of each item. */
	public static List<String> withoutForeignLinks(List<String> items, SourceUrls sources) {
		return items.stream().map(item -> withoutForeignLinks(item, sources)).toList();
	}

	private static void collect(Node parent, SourceUrls sources, List<Edit> edits, boolean inAllowedLink) {
		for (Node node = parent.getFirstChild(); node != null; node = node.getNext()) {
			switch (node) {
				case Image image -> edit(image, inert(plainText(image), sources), edits);
				case Link link when !inAllowedLink && ABSOLUTE.matcher(link.getDestination()).find()
						&& !sources.contains(link.getDestination()) ->
					edit(link, linkAsText(link, sources), edits);
				case Link link -> collect(link, sources, edits, true);
				case Text text when !inAllowedLink && hasForeignUrl(text.getLiteral(), sources) ->
					edit(text, inert(text.getLiteral(), sources), edits);
				case Code code -> {
					// Code is shown as code everywhere, never linked.
				}
				default -> collect(node, sources, edits, inAllowedLink);
			}
		}
	}

	private static void edit(Node node, String replacement, List<Edit> edits) {
		List<SourceSpan> spans = node.getSourceSpans();
		if (spans.isEmpty()) {
			return;
		}
		SourceSpan first = spans.getFirst();
		SourceSpan last = spans.getLast();
		edits.add(new Edit(first.getInputIndex(), last.getInputIndex() + last.getLength(), replacement));
	}

	private static String linkAsText(Link link, SourceUrls sources) {
		String text = plainText(link).strip();
		String url = code(link.getDestination());
		if (text.isEmpty() || display(text).equals(display(link.getDestination()))) {
			return url;
		}
		return inert(text, sources) + " (" + url + ")";
	}

	private static boolean hasForeignUrl(String text, SourceUrls sources) {
		Matcher matcher = SourceUrls.URL_IN_TEXT.matcher(text);
		while (matcher.find()) {
			if (!sources.contains(SourceUrls.trimTrailing(matcher.group()))) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Plain text as Markdown that means just that text: punctuation escaped, and URLs the
	 * sources did not contain as code.
	 */
	private static String inert(String plain, SourceUrls sources) {
		StringBuilder out = new StringBuilder();
		Matcher matcher = SourceUrls.URL_IN_TEXT.matcher(plain);
		int from = 0;
		while (matcher.find()) {
			String url = SourceUrls.trimTrailing(matcher.group());
			if (sources.contains(url)) {
				continue;
			}
			out.append(escape(plain.substring(from, matcher.start()))).append(code(url));
			from = matcher.start() + url.length();
		}
		return out.append(escape(plain.substring(from))).toString();
	}

	private static String escape(String plain) {
		return MARKDOWN_PUNCTUATION.matcher(plain).replaceAll(match -> Matcher.quoteReplacement("\\" + match.group()));
	}

	/**
	 * A URL as a code span, without {@code http(s)://} or {@code mailto:}; a pipe is
	 * percent-encoded so it cannot split a table cell.
	 */
	private static String code(String url) {
		String shown = display(url).replace("|", "%7C").replace('\n', ' ');
		int longest = 0;
		Matcher ticks = Pattern.compile("`+").matcher(shown);
		while (ticks.find()) {
			longest = Math.max(longest, ticks.group().length());
		}
		String fence = "`".repeat(longest + 1);
		String pad = (shown.startsWith("`") || shown.endsWith("`")) ? " " : "";
		return fence + pad + shown + pad + fence;
	}

	private static String display(String url) {
		String value = url.strip();
		String lower = value.toLowerCase(Locale.ROOT);
		for (String prefix : new String[] { "https://", "http://", "mailto:" }) {
			if (lower.startsWith(prefix)) {
				return value.substring(prefix.length());
			}
		}
		return value;
	}

	private static String plainText(Node node) {
		StringBuilder text = new StringBuilder();
		for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
			switch (child) {
				case Text t -> text.append(t.getLiteral());
				case Code c -> text.append(c.getLiteral());
				case org.commonmark.node.SoftLineBreak b -> text.append(' ');
				case org.commonmark.node.HardLineBreak b -> text.append(' ');
				default -> text.append(plainText(child));
			}
		}
		return text.toString();
	}

	private record Edit(int start, int end, String replacement) {
	}

}

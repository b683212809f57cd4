package dev.jiraai.jira.adf;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Collects the inline content of one block as styled text runs and inline nodes, then
 * writes it as ADF inline nodes in one canonical form, so that equal content always gives
 * equal ADF.
 */
final class AdfInlines {

	private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

	private final List<Item> items = new ArrayList<>();

	private final boolean singleLine;

	/**
	 * @param singleLine whether the block cannot hold line breaks (headings, table
	 * cells): breaks become spaces
	 */
	AdfInlines(boolean singleLine) {
		this.singleLine = singleLine;
	}

	void text(String text, Style style) {
		this.items.add(new Run(text, style));
	}

	void lineBreak(Style style) {
		if (this.singleLine) {
			text(" ", style);
		}
		else {
			this.items.add(new Atom(JSON.objectNode().put("type", "hardBreak")));
		}
	}

	void node(ObjectNode inlineNode) {
		this.items.add(new Atom(inlineNode));
	}

	/**
	 * A new, empty collector for part of the same block.
	 * @return a collector with the same line handling
	 */
	AdfInlines sibling() {
		return new AdfInlines(this.singleLine);
	}

	boolean isEmpty() {
		return toAdf().isEmpty();
	}

	void addAll(AdfInlines other) {
		this.items.addAll(other.items);
	}

	/**
	 * The collected content as ADF inline nodes: no empty text, no spaces around line
	 * breaks or at the ends and no line break at the ends (Markdown drops them), adjacent
	 * runs of equal style merged, and whitespace at the edges of emphasis moved outside
	 * it (Markdown cannot express emphasis that starts or ends with whitespace).
	 * @return the inline nodes, possibly none
	 */
	ArrayNode toAdf() {
		List<Item> normalized = trimBreaks(trimLines(splitLines(this.items)));
		List<Item> previous;
		do {
			previous = normalized;
			normalized = merge(moveWhitespaceOutOfEmphasis(merge(normalized)));
		}
		while (!normalized.equals(previous));
		ArrayNode content = JSON.arrayNode();
		for (Item item : normalized) {
			content.add(switch (item) {
				case Run run -> textNode(run);
				case Atom atom -> atom.node();
			});
		}
		return content;
	}

	private List<Item> splitLines(List<Item> source) {
		List<Item> result = new ArrayList<>();
		for (Item item : source) {
			if (item instanceof Run run && run.text().indexOf('\n') >= 0) {
				if (run.style().code() || this.singleLine) {
					result.add(new Run(run.text().replace('\n', ' '), run.style()));
					continue;
				}
				String[] lines = run.text().split("\n", -1);
				for (int i = 0; i < lines.length; i++) {
					if (i > 0) {
						result.add(new Atom(JSON.objectNode().put("type", "hardBreak")));
					}
					result.add(new Run(lines[i], run.style()));
				}
			}
			else {
				result.add(item);
			}
		}
		return result;
	}

	private static List<Item> trimLines(List<Item> source) {
		List<Item> forward = new ArrayList<>();
		boolean lineStart = true;
		for (Item item : source) {
			if (item instanceof Run run && !run.style().code()) {
				String text = lineStart ? stripLeadingSpaces(run.text()) : run.text();
				if (!text.isEmpty()) {
					forward.add(new Run(text, run.style()));
					lineStart = false;
				}
			}
			else {
				forward.add(item);
				lineStart = isHardBreak(item);
			}
		}
		List<Item> backward = new ArrayList<>();
		boolean lineEnd = true;
		for (int i = forward.size() - 1; i >= 0; i--) {
			Item item = forward.get(i);
			if (item instanceof Run run && !run.style().code()) {
				String text = lineEnd ? stripTrailingSpaces(run.text()) : run.text();
				if (!text.isEmpty()) {
					backward.add(0, new Run(text, run.style()));
					lineEnd = false;
				}
			}
			else {
				backward.add(0, item);
				lineEnd = isHardBreak(item);
			}
		}
		return backward;
	}

	/** Markdown cannot start or end a paragraph with a line break. */
	private static List<Item> trimBreaks(List<Item> source) {
		int start = 0;
		int end = source.size();
		while (start < end && isHardBreak(source.get(start))) {
			start++;
		}
		while (end > start && isHardBreak(source.get(end - 1))) {
			end--;
		}
		return source.subList(start, end);
	}

	private static List<Item> merge(List<Item> source) {
		List<Item> result = new ArrayList<>();
		for (Item item : source) {
			if (item instanceof Run run && run.text().isEmpty()) {
				continue;
			}
			if (item instanceof Run run && !result.isEmpty() && result.getLast() instanceof Run last
					&& last.style().equals(run.style())) {
				result.set(result.size() - 1, new Run(last.text() + run.text(), run.style()));
			}
			else {
				result.add(item);
			}
		}
		return result;
	}

	private static List<Item> moveWhitespaceOutOfEmphasis(List<Item> source) {
		List<Item> result = new ArrayList<>();
		for (int i = 0; i < source.size(); i++) {
			if (!(source.get(i) instanceof Run run) || run.style().code() || !run.style().hasEmphasis()) {
				result.add(source.get(i));
				continue;
			}
			Style before = (i > 0 && source.get(i - 1) instanceof Run previous) ? previous.style() : Style.PLAIN;
			Style after = (i + 1 < source.size() && source.get(i + 1) instanceof Run next) ? next.style() : Style.PLAIN;
			String text = run.text();
			int leading = Whitespace.leading(text);
			if (leading == text.length()) {
				result.add(new Run(text, run.style().emphasisSharedWith(before).emphasisSharedWith(after)));
				continue;
			}
			int trailing = Whitespace.trailing(text);
			result.add(new Run(text.substring(0, leading), run.style().emphasisSharedWith(before)));
			result.add(new Run(text.substring(leading, text.length() - trailing), run.style()));
			result.add(new Run(text.substring(text.length() - trailing), run.style().emphasisSharedWith(after)));
		}
		return result;
	}

	private static boolean isHardBreak(Item item) {
		return item instanceof Atom atom && "hardBreak".equals(atom.node().path("type").asText());
	}

	private static String stripLeadingSpaces(String text) {
		int i = 0;
		while (i < text.length() && Whitespace.isSpaceOrTab(text.charAt(i))) {
			i++;
		}
		return text.substring(i);
	}

	private static String stripTrailingSpaces(String text) {
		int i = text.length();
		while (i > 0 && Whitespace.isSpaceOrTab(text.charAt(i - 1))) {
			i--;
		}
		return text.substring(0, i);
	}

	private static ObjectNode textNode(Run run) {
		ObjectNode text = JSON.objectNode().put("type", "text").put("text", run.text());
		ArrayNode marks = run.style().marks();
		if (!marks.isEmpty()) {
			text.set("marks", marks);
		}
		return text;
	}

	private sealed interface Item permits Run, Atom {

	}

	private record Run(String text, Style style) implements Item {

	}

	private record Atom(ObjectNode node) implements Item {

	}

	/**
	 * The target of a link mark.
	 *
	 * @param href the URL, already checked by {@link LinkPolicy}
	 * @param title the optional title, may be {@code null}
	 */
	record LinkTarget(String href, String title) {

	}

	/**
	 * The marks of a text run. Code excludes the other emphasis marks, as ADF allows only
	 * {@code code} with {@code link}.
	 *
	 * @param strong bold
	 * @param em italic
	 * @param strike struck through
	 * @param code inline code
	 * @param link the link target, {@code null} when not a link
	 */
	record Style(boolean strong, boolean em, boolean strike, boolean code, LinkTarget link) {

		static final Style PLAIN = new Style(false, false, false, false, null);

		Style {
			if (code) {
				strong = false;
				em = false;
				strike = false;
			}
		}

		Style withStrong() {
			return new Style(true, this.em, this.strike, this.code, this.link);
		}

		Style withEm() {
			return new Style(this.strong, true, this.strike, this.code, this.link);
		}

		Style withStrike() {
			return new Style(this.strong, this.em, true, this.code, this.link);
		}

		Style asCode() {
			return new Style(false, false, false, true, this.link);
		}

		Style withLink(LinkTarget target) {
			return new Style(this.strong, this.em, this.strike, this.code, Objects.requireNonNull(target));
		}

		boolean hasEmphasis() {
			return this.strong || this.em || this.strike;
		}

		/** This style without the emphasis marks the other style does not also have. */
		Style emphasisSharedWith(Style other) {
			return new Style(this.strong && other.strong, this.em && other.em, this.strike && other.strike, this.code,
					this.link);
		}

		ArrayNode marks() {
			ArrayNode marks = JSON.arrayNode();
			if (this.strong) {
				marks.addObject().put("type", "strong");
			}
			if (this.em) {
				marks.addObject().put("type", "em");
			}
			if (this.strike) {
				marks.addObject().put("type", "strike");
			}
			if (this.code) {
				marks.addObject().put("type", "code");
			}
			if (this.link != null) {
				ObjectNode attrs = marks.addObject()
					.put("type", "link")
					.putObject("attrs")
					.put("href", this.link.href());
				if (this.link.title() != null && !this.link.title().isEmpty()) {
					attrs.put("title", this.link.title());
				}
			}
			return marks;
		}

	}

}

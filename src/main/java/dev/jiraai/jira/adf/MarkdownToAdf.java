package dev.jiraai.jira.adf;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TableCell;
import org.commonmark.ext.gfm.tables.TableRow;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.BulletList;
import org.commonmark.node.Code;
import org.commonmark.node.Emphasis;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Image;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.Link;
import org.commonmark.node.LinkReferenceDefinition;
import org.commonmark.node.ListBlock;
import org.commonmark.node.Node;
import org.commonmark.node.OrderedList;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.StrongEmphasis;
import org.commonmark.node.Text;
import org.commonmark.node.ThematicBreak;
import org.commonmark.parser.Parser;

import dev.jiraai.jira.adf.AdfInlines.LinkTarget;
import dev.jiraai.jira.adf.AdfInlines.Style;

/**
 * Converts Markdown written by users or models into Atlassian Document Format for Jira's
 * rich-text fields; instances are immutable and thread-safe.
 */
public final class MarkdownToAdf {

	private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

	/**
	 * How deeply list items and quotes (or inline emphasis) may nest; deeper content is
	 * kept as plain text. Jira's editor nests lists only a few levels deep, and the cap
	 * keeps untrusted input from exhausting the stack or making documents that are slow
	 * to validate.
	 */
	static final int MAX_DEPTH = 12;

	private final Parser parser = Parser.builder()
		.extensions(List.of(TablesExtension.create()))
		.customDelimiterProcessor(new Strikethrough.TildeDelimiters())
		.postProcessor(new Mentions())
		.build();

	/**
	 * Converts Markdown to an ADF document.
	 *
	 * <p>
	 * The Markdown is CommonMark with GFM tables and {@code ~~strikethrough~~}, plus
	 * mentions written {@code @[Display Name](accountId)}. Because the text is untrusted:
	 * only {@code http}, {@code https} and {@code mailto} links stay links (others keep
	 * just their text), and text that merely looks like a URL stays text; an image
	 * becomes its alt text (ADF media need files uploaded to Jira, and nothing is ever
	 * fetched); raw HTML stays literal text. Line breaks inside a paragraph, soft or
	 * hard, become {@code hardBreak}s, as Jira users expect a new line where they typed
	 * one. Constructs ADF does not allow where they appear degrade: inside a list item or
	 * quote, a heading becomes a bold paragraph, a quote is flattened, a table becomes
	 * one paragraph per row and a rule is dropped. Inline code drops bold and italic,
	 * which ADF does not combine with {@code code}. Nesting deeper than
	 * {@value #MAX_DEPTH} levels is kept as plain text, and so is the whole input if it
	 * nests too deeply for the parser.
	 * @param markdown the Markdown; {@code null} is treated as empty
	 * @return a new document, {@code {"type":"doc","version":1,"content":[...]}}, valid
	 * against the ADF schema; its content is empty for empty or blank input
	 */
	public ObjectNode toAdf(String markdown) {
		ObjectNode doc = JSON.objectNode().put("type", "doc").put("version", 1);
		ArrayNode content = doc.putArray("content");
		if (markdown == null || markdown.isBlank()) {
			return doc;
		}
		Node parsed;
		try {
			parsed = this.parser.parse(markdown);
		}
		catch (StackOverflowError ex) {
			// The parser recurses once per level of nested emphasis, so thousands of
			// levels exhaust the stack:
			// such input is kept as the text it is rather than failing the request.
			List<ObjectNode> paragraphs = new ArrayList<>();
			literalText(markdown, paragraphs);
			paragraphs.forEach(content::add);
			return doc;
		}
		blocks(parsed, Container.DOC, 0).forEach(content::add);
		return doc;
	}

	private List<ObjectNode> blocks(Node parent, Container container, int depth) {
		List<ObjectNode> blocks = new ArrayList<>();
		for (Node child = parent.getFirstChild(); child != null; child = child.getNext()) {
			if (depth > MAX_DEPTH) {
				AdfInlines text = new AdfInlines(true);
				text.text(Mentions.plainText(child).replaceAll("\\s+", " "), Style.PLAIN);
				addParagraph(blocks, text);
			}
			else {
				block(child, container, depth, blocks);
			}
		}
		return blocks;
	}

	private void block(Node node, Container container, int depth, List<ObjectNode> out) {
		switch (node) {
			case Paragraph paragraph -> addParagraph(out, inlines(paragraph, false, Style.PLAIN));
			case Heading heading when container == Container.DOC -> out.add(heading(heading));
			case Heading heading -> addParagraph(out, inlines(heading, true, Style.PLAIN.withStrong()));
			case BulletList list -> out.add(list("bulletList", list, depth));
			case OrderedList list -> out.add(orderedList(list, depth));
			case FencedCodeBlock code -> out.add(codeBlock(firstWord(code.getInfo()), code.getLiteral()));
			case IndentedCodeBlock code -> out.add(codeBlock("", code.getLiteral()));
			case BlockQuote quote when container == Container.DOC -> out.add(blockquote(quote, depth));
			// ADF allows no quote inside a quote or list item: keep the quoted content in
			// place.
			case BlockQuote quote -> out.addAll(blocks(quote, container, depth + 1));
			case ThematicBreak rule when container == Container.DOC -> out.add(node("rule"));
			case ThematicBreak rule -> {
				// ADF allows no rule inside a quote or list item, and a rule carries no
				// text.
			}
			case HtmlBlock html -> literalText(html.getLiteral(), out);
			case TableBlock table when container == Container.DOC -> out.add(table(table));
			case TableBlock table -> tableAsParagraphs(table, out);
			case LinkReferenceDefinition definition -> {
				// Used by the links that refer to it; not content.
			}
			default -> addParagraph(out, inlines(node, false, Style.PLAIN));
		}
	}

	private static void addParagraph(List<ObjectNode> out, AdfInlines inlines) {
		ArrayNode content = inlines.toAdf();
		// A paragraph can end up empty (an unsafe image without alt text); it would only
		// add blank space.
		if (!content.isEmpty()) {
			out.add(paragraph(content));
		}
	}

	private ObjectNode heading(Heading heading) {
		ObjectNode node = node("heading");
		node.putObject("attrs").put("level", Math.clamp(heading.getLevel(), 1, 6));
		node.set("content", inlines(heading, true, Style.PLAIN).toAdf());
		return node;
	}

	private ObjectNode orderedList(OrderedList list, int depth) {
		ObjectNode node = list("orderedList", list, depth);
		Integer start = list.getMarkerStartNumber();
		if (start != null && start != 1) {
			node.putObject("attrs").put("order", Math.max(0, start));
		}
		return node;
	}

	private ObjectNode list(String type, ListBlock list, int depth) {
		ObjectNode node = node(type);
		ArrayNode items = node.putArray("content");
		for (Node item = list.getFirstChild(); item != null; item = item.getNext()) {
			List<ObjectNode> content = blocks(item, Container.LIST_ITEM, depth + 1);
			// Jira's editor expects a list item to start with a paragraph, not a nested
			// list (the schema is laxer).
			if (content.isEmpty() || isList(content.getFirst())) {
				content.addFirst(paragraph(JSON.arrayNode()));
			}
			ObjectNode listItem = items.addObject().put("type", "listItem");
			content.forEach(listItem.putArray("content")::add);
		}
		return node;
	}

	private static boolean isList(ObjectNode block) {
		String type = block.path("type").asText();
		return type.equals("bulletList") || type.equals("orderedList");
	}

	private static ObjectNode codeBlock(String language, String literal) {
		ObjectNode node = node("codeBlock");
		if (!language.isEmpty()) {
			node.putObject("attrs").put("language", language);
		}
		// The parser ends every non-empty code block with a line feed that is not part of
		// the code.
		String code = literal.endsWith("\n") ? literal.substring(0, literal.length() - 1) : literal;
		ArrayNode content = node.putArray("content");
		if (!code.isEmpty()) {
			content.addObject().put("type", "text").put("text", code);
		}
		return node;
	}

	private ObjectNode blockquote(BlockQuote quote, int depth) {
		ObjectNode node = node("blockquote");
		List<ObjectNode> content = blocks(quote, Container.QUOTE, depth + 1);
		if (content.isEmpty()) {
			content.add(paragraph(JSON.arrayNode()));
		}
		content.forEach(node.putArray("content")::add);
		return node;
	}

	/**
	 * Keeps text such as raw HTML as the literal text it is, never as markup: one
	 * paragraph per group of lines, the lines separated by line breaks (with their
	 * indentation dropped, as Markdown drops it from paragraph lines).
	 */
	private static void literalText(String literal, List<ObjectNode> out) {
		AdfInlines paragraph = new AdfInlines(false);
		boolean empty = true;
		for (String line : literal.split("\r\n|\r|\n")) {
			if (line.isBlank()) {
				if (!empty) {
					addParagraph(out, paragraph);
				}
				paragraph = new AdfInlines(false);
				empty = true;
				continue;
			}
			if (!empty) {
				paragraph.lineBreak(Style.PLAIN);
			}
			paragraph.text(line.strip(), Style.PLAIN);
			empty = false;
		}
		if (!empty) {
			addParagraph(out, paragraph);
		}
	}

	private ObjectNode table(TableBlock table) {
		ObjectNode node = node("table");
		ArrayNode rows = node.putArray("content");
		for (TableRow row : rows(table)) {
			ArrayNode cells = rows.addObject().put("type", "tableRow").putArray("content");
			for (Node cell = row.getFirstChild(); cell != null; cell = cell.getNext()) {
				if (cell instanceof TableCell tableCell) {
					ObjectNode paragraph = paragraph(inlines(tableCell, true, Style.PLAIN).toAdf());
					String align = switch (tableCell.getAlignment()) {
						case CENTER -> "center";
						case RIGHT -> "end";
						case null, default -> null;
					};
					if (align != null) {
						paragraph.putArray("marks")
							.addObject()
							.put("type", "alignment")
							.putObject("attrs")
							.put("align", align);
					}
					cells.addObject()
						.put("type", tableCell.isHeader() ? "tableHeader" : "tableCell")
						.putArray("content")
						.add(paragraph);
				}
			}
		}
		return node;
	}

	/**
	 * ADF allows no table inside a quote or list item: each row becomes a paragraph with
	 * its cells between pipes.
	 */
	private void tableAsParagraphs(TableBlock table, List<ObjectNode> out) {
		for (TableRow row : rows(table)) {
			AdfInlines paragraph = new AdfInlines(true);
			for (Node cell = row.getFirstChild(); cell != null; cell = cell.getNext()) {
				if (cell != row.getFirstChild()) {
					paragraph.text(" | ", Style.PLAIN);
				}
				paragraph.addAll(inlines(cell, true, Style.PLAIN));
			}
			addParagraph(out, paragraph);
		}
	}

	private static List<TableRow> rows(TableBlock table) {
		List<TableRow> rows = new ArrayList<>();
		for (Node section = table.getFirstChild(); section != null; section = section.getNext()) {
			for (Node row = section.getFirstChild(); row != null; row = row.getNext()) {
				if (row instanceof TableRow tableRow) {
					rows.add(tableRow);
				}
			}
		}
		return rows;
	}

	private AdfInlines inlines(Node parent, boolean singleLine, Style style) {
		AdfInlines inlines = new AdfInlines(singleLine);
		inlineChildren(parent, style, inlines, 0);
		return inlines;
	}

	private void inlineChildren(Node parent, Style style, AdfInlines out, int depth) {
		if (depth > MAX_DEPTH) {
			out.text(Mentions.plainText(parent), style);
			return;
		}
		for (Node child = parent.getFirstChild(); child != null; child = child.getNext()) {
			inline(child, style, out, depth);
		}
	}

	private void inline(Node node, Style style, AdfInlines out, int depth) {
		switch (node) {
			case Text text -> out.text(text.getLiteral(), style);
			case Code code -> out.text(code.getLiteral(), style.asCode());
			case Emphasis emphasis -> inlineChildren(emphasis, style.withEm(), out, depth + 1);
			case StrongEmphasis strong -> inlineChildren(strong, style.withStrong(), out, depth + 1);
			case Strikethrough strike -> inlineChildren(strike, style.withStrike(), out, depth + 1);
			case Link link -> link(link, style, out, depth + 1);
			case Image image -> image(image, style, out);
			case Mentions.Mention mention -> out.node(mention(mention));
			case SoftLineBreak lineBreak -> out.lineBreak(style);
			case HardLineBreak lineBreak -> out.lineBreak(style);
			case HtmlInline html -> out.text(html.getLiteral(), style);
			default -> inlineChildren(node, style, out, depth + 1);
		}
	}

	private void link(Link link, Style style, AdfInlines out, int depth) {
		String href = link.getDestination();
		if (!LinkPolicy.isSafe(href) || style.link() != null) {
			// An unsafe target is dropped and its text kept, so the reader still sees
			// what was written.
			inlineChildren(link, style, out, depth);
			return;
		}
		Style linked = style.withLink(new LinkTarget(href, link.getTitle()));
		AdfInlines text = out.sibling();
		inlineChildren(link, linked, text, depth);
		if (text.isEmpty()) {
			// ADF has no empty text to carry the link: show the target instead, as an
			// autolink would.
			out.text(href, linked);
		}
		else {
			out.addAll(text);
		}
	}

	/**
	 * ADF media must be uploaded to Jira first, fetching the image would let untrusted
	 * text make the app send requests, and a link made of an image would be a link nobody
	 * wrote as text: an image becomes its alt text only.
	 */
	private static void image(Image image, Style style, AdfInlines out) {
		out.text(Mentions.plainText(image).strip(), style);
	}

	private static ObjectNode mention(Mentions.Mention mention) {
		ObjectNode node = node("mention");
		node.putObject("attrs")
			.put("id", mention.accountId())
			.put("text", "@" + mention.displayName())
			.put("accessLevel", "");
		return node;
	}

	private static String firstWord(String info) {
		if (info == null) {
			return "";
		}
		String trimmed = info.strip();
		int end = 0;
		while (end < trimmed.length() && !Character.isWhitespace(trimmed.charAt(end))) {
			end++;
		}
		return trimmed.substring(0, end);
	}

	private static ObjectNode paragraph(ArrayNode content) {
		ObjectNode node = node("paragraph");
		node.set("content", content);
		return node;
	}

	private static ObjectNode node(String type) {
		return JSON.objectNode().put("type", type);
	}

	/**
	 * Where blocks are placed, as ADF allows different blocks in each: only the document
	 * holds headings, quotes, rules and tables.
	 */
	private enum Container {

		DOC, QUOTE, LIST_ITEM

	}

}

package dev.jiraai.jira.adf;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import dev.jiraai.jira.adf.InlineMarkdown.Mode;

/**
 * Converts Atlassian Document Format into compact Markdown for showing Jira rich text to
 * a language model; instances are stateless and thread-safe.
 */
public final class AdfToMarkdown {

	/**
	 * Nesting deeper than Jira documents have, below which the recursive conversion
	 * cannot exhaust the stack; deeper content is kept as plain text.
	 */
	static final int MAX_DEPTH = 64;

	/**
	 * Node types rendered as a bullet list, which two of in a row would merge into one.
	 */
	private static final Set<String> BULLET_LISTS = Set.of("bulletList", "taskList", "decisionList");

	/**
	 * Every node type of the ADF schema ({@code adf-full-schema.json}), each with a
	 * rendering rule below; any other type is unknown and keeps only its text.
	 */
	static final Set<String> KNOWN_TYPES = Set.of("doc", "paragraph", "heading", "text", "hardBreak", "bulletList",
			"orderedList", "listItem", "codeBlock", "blockquote", "rule", "table", "tableRow", "tableHeader",
			"tableCell", "panel", "expand", "nestedExpand", "mediaSingle", "mediaGroup", "media", "mediaInline",
			"caption", "mention", "emoji", "date", "status", "inlineCard", "blockCard", "embedCard", "placeholder",
			"taskList", "taskItem", "blockTaskItem", "decisionList", "decisionItem", "layoutSection", "layoutColumn",
			"extension", "bodiedExtension", "inlineExtension", "syncBlock", "bodiedSyncBlock");

	/**
	 * Converts an ADF document (or any single ADF node) to Markdown.
	 *
	 * <p>
	 * Nodes Markdown has (paragraphs, headings, lists, code blocks, quotes, rules,
	 * tables, strong, emphasis, strike, code, links, line breaks) are written so that
	 * {@link MarkdownToAdf} reads them back into the same ADF, and a mention becomes
	 * {@code @[Name](accountId)}, which it reads back as the mention. Every other node
	 * type of the schema degrades to readable text: a panel becomes a quote labelled with
	 * its type, an expand its bold title and content, a status {@code [text]}, a date its
	 * ISO day (UTC), an emoji its character or short name, a card its URL, media
	 * {@code [attachment: name]}, tasks {@code - [ ]} / {@code - [x]}, decisions
	 * {@code - Decision: ...}, layouts their columns in order, extensions their text,
	 * placeholders nothing. Node types not in the schema keep their text; marks Markdown
	 * lacks (underline, colours, sub/superscript) keep their text. Text is escaped only
	 * where a character would otherwise become markup.
	 *
	 * <p>
	 * Some ADF cannot be written in CommonMark and so does not come back identical:
	 * emphasis ending in punctuation right before a letter (or starting after a letter
	 * with punctuation) comes back as literal delimiters, and a mention's
	 * {@code accessLevel}, blank lines made of consecutive line breaks and table cell
	 * breaks are not kept.
	 * @param adf the document; {@code null}, JSON {@code null}, a missing node or a
	 * non-object gives an empty string
	 * @return the Markdown, without leading or trailing blank lines
	 */
	public String toMarkdown(JsonNode adf) {
		if (adf == null || !adf.isObject()) {
			return "";
		}
		String markdown = InlineMarkdown.INLINE_TYPES.contains(Renderer.type(adf))
				? InlineMarkdown.render(List.of(adf), Mode.PARAGRAPH) : new Renderer().block(adf, '-', '.');
		return markdown.strip();
	}

	/**
	 * One conversion, tracking how deeply it has descended so that nesting cannot exhaust
	 * the stack.
	 */
	private static final class Renderer {

		private int depth;

		private String block(JsonNode node, char bullet, char delimiter) {
			if (this.depth >= MAX_DEPTH) {
				return InlineMarkdown.escape(InlineMarkdown.collectText(node), true, true, false, false);
			}
			this.depth++;
			try {
				return render(node, bullet, delimiter);
			}
			finally {
				this.depth--;
			}
		}

		private String render(JsonNode node, char bullet, char delimiter) {
			JsonNode attrs = node.path("attrs");
			return switch (type(node)) {
				case "paragraph" -> inlines(node, Mode.PARAGRAPH);
				case "heading" -> heading(node);
				case "bulletList" -> list(node, bullet + "", 0);
				case "orderedList" -> list(node, delimiter + "", Math.max(0, attrs.path("order").asInt(1)));
				case "listItem" -> listItem(node, "-");
				case "codeBlock" -> codeBlock(node);
				case "blockquote" -> quote(blocks(node.path("content"), false));
				case "rule" -> "---";
				case "table" -> table(node);
				case "panel" -> panel(node);
				case "expand", "nestedExpand" -> expand(node);
				case "mediaSingle", "mediaGroup" -> media(node);
				case "media" -> InlineMarkdown.attachment(attrs);
				case "caption" -> inlines(node, Mode.PARAGRAPH);
				case "blockCard", "embedCard" ->
					InlineMarkdown.escape(InlineMarkdown.cardUrl(attrs), true, true, false, false);
				case "taskList" -> taskList(node, bullet);
				case "taskItem", "blockTaskItem" -> taskItem(node, bullet);
				case "decisionList" -> decisionList(node, bullet);
				case "decisionItem" -> decisionItem(node, bullet);
				case "extension" -> InlineMarkdown.escape(attrs.path("text").asText(""), true, true, false, false);
				case "syncBlock" -> "";
				case "doc", "layoutSection", "layoutColumn", "bodiedExtension", "bodiedSyncBlock", "tableRow",
						"tableHeader", "tableCell" ->
					blocks(node.path("content"), false);
				default -> unknownBlock(node);
			};
		}

		/**
		 * Renders a sequence of blocks. Inline nodes found among them are gathered into
		 * paragraphs, and two lists of the same kind in a row get different markers, as
		 * Markdown would otherwise read them as one list.
		 * @param listItem whether the blocks are a list item's, where a nested list or
		 * code block follows a paragraph directly, keeping the list compact
		 */
		private String blocks(JsonNode content, boolean listItem) {
			List<String> rendered = new ArrayList<>();
			List<JsonNode> kinds = new ArrayList<>();
			List<JsonNode> inlineRun = new ArrayList<>();
			String previousFamily = null;
			boolean previousAlternate = false;
			for (JsonNode child : content) {
				if (InlineMarkdown.INLINE_TYPES.contains(type(child))) {
					inlineRun.add(child);
					continue;
				}
				if (!inlineRun.isEmpty()) {
					add(rendered, kinds, InlineMarkdown.render(inlineRun, Mode.PARAGRAPH), null);
					inlineRun = new ArrayList<>();
					previousFamily = null;
				}
				String family = listFamily(type(child));
				boolean alternate = family != null && family.equals(previousFamily) && !previousAlternate;
				String block = block(child, alternate ? '*' : '-', alternate ? ')' : '.');
				if (add(rendered, kinds, block, child)) {
					previousFamily = family;
					previousAlternate = alternate;
				}
			}
			if (!inlineRun.isEmpty()) {
				add(rendered, kinds, InlineMarkdown.render(inlineRun, Mode.PARAGRAPH), null);
			}
			StringBuilder markdown = new StringBuilder();
			for (int i = 0; i < rendered.size(); i++) {
				if (i > 0) {
					markdown.append((listItem && followsDirectly(kinds.get(i), rendered.get(i))) ? "\n" : "\n\n");
				}
				markdown.append(rendered.get(i));
			}
			return markdown.toString();
		}

		private static boolean add(List<String> rendered, List<JsonNode> kinds, String block, JsonNode node) {
			if (block.isEmpty()) {
				return false;
			}
			rendered.add(block);
			kinds.add(node);
			return true;
		}

		private static String listFamily(String type) {
			if (BULLET_LISTS.contains(type)) {
				return "bullet";
			}
			return type.equals("orderedList") ? "ordered" : null;
		}

		/**
		 * Whether a block may follow the previous one in a list item without a blank
		 * line: a list or code block can interrupt a paragraph (an ordered list only when
		 * it starts at 1, and a list only when its first item has text).
		 */
		private static boolean followsDirectly(JsonNode node, String rendered) {
			if (node == null) {
				return false;
			}
			String type = type(node);
			String firstLine = rendered.lines().findFirst().orElse("");
			boolean firstItemHasText = !firstLine.matches("[-*]|[0-9]+[.)]");
			return switch (type) {
				case "codeBlock" -> true;
				case "bulletList", "taskList", "decisionList" -> firstItemHasText;
				case "orderedList" -> firstItemHasText && node.path("attrs").path("order").asInt(1) == 1;
				default -> false;
			};
		}

		private String heading(JsonNode node) {
			int level = Math.clamp(node.path("attrs").path("level").asInt(1), 1, 6);
			String text = inlines(node, Mode.SINGLE_LINE).strip();
			int run = text.length();
			while (run > 0 && text.charAt(run - 1) == '#') {
				run--;
			}
			// A final run of # after a space would be read as the optional closing
			// sequence and dropped ("C#" is safe).
			if (run < text.length() && (run == 0 || text.charAt(run - 1) == ' ')) {
				text = text.substring(0, run) + "\\" + text.substring(run);
			}
			String marker = "#".repeat(level);
			return text.isEmpty() ? marker : marker + " " + text;
		}

		private String list(JsonNode node, String markerChar, int start) {
			boolean ordered = type(node).equals("orderedList");
			List<String> items = new ArrayList<>();
			int number = start;
			for (JsonNode item : node.path("content")) {
				String marker = ordered ? (number++) + markerChar : markerChar;
				items.add(
						type(item).equals("listItem") ? listItem(item, marker) : indent(block(item, '-', '.'), marker));
			}
			return String.join("\n", items);
		}

		private String listItem(JsonNode item, String marker) {
			String body = blocks(item.path("content"), true);
			JsonNode first = item.path("content").path(0);
			if (type(first).equals("paragraph") && inlines(first, Mode.PARAGRAPH).isEmpty() && !body.isEmpty()) {
				// An item holding only a nested list starts it on the next line: "- - -"
				// would be a thematic break.
				body = "\n" + body;
			}
			return indent(body, marker);
		}

		/**
		 * Prefixes the first line with a list marker and indents the others to the item's
		 * content column.
		 */
		private static String indent(String body, String marker) {
			String padding = " ".repeat(marker.length() + 1);
			StringBuilder item = new StringBuilder();
			List<String> lines = body.lines().toList();
			if (lines.isEmpty()) {
				return marker;
			}
			for (int i = 0; i < lines.size(); i++) {
				String line = lines.get(i);
				if (i > 0) {
					item.append('\n');
				}
				if (i == 0) {
					item.append(line.isEmpty() ? marker : marker + " " + line);
				}
				else if (!line.isEmpty()) {
					item.append(padding).append(line);
				}
			}
			return item.toString();
		}

		private static String codeBlock(JsonNode node) {
			StringBuilder code = new StringBuilder();
			for (JsonNode text : node.path("content")) {
				code.append(text.path("text").asText(""));
			}
			String language = node.path("attrs").path("language").asText("").strip();
			// A backtick fence cannot carry an info string with a backtick in it.
			char fenceChar = (language.indexOf('`') >= 0) ? '~' : '`';
			int longest = 0;
			int run = 0;
			for (int i = 0; i < code.length(); i++) {
				run = (code.charAt(i) == fenceChar) ? run + 1 : 0;
				longest = Math.max(longest, run);
			}
			String fence = String.valueOf(fenceChar).repeat(Math.max(3, longest + 1));
			// The info string is unescaped when read back; a space keeps a leading tilde
			// from spoiling the fence.
			String info = InlineMarkdown.escapeEntities(language.replace("\\", "\\\\"));
			boolean separate = !info.isEmpty() && !Character.isLetterOrDigit(info.charAt(0));
			StringBuilder block = new StringBuilder(fence).append(separate ? " " : "").append(info).append('\n');
			if (!code.isEmpty()) {
				block.append(code).append('\n');
			}
			return block.append(fence).toString();
		}

		private static String quote(String body) {
			if (body.isEmpty()) {
				return ">";
			}
			StringBuilder quote = new StringBuilder();
			for (String line : body.lines().toList()) {
				if (!quote.isEmpty()) {
					quote.append('\n');
				}
				quote.append(line.isEmpty() ? ">" : "> " + line);
			}
			return quote.toString();
		}

		private String table(JsonNode node) {
			List<List<String>> rows = new ArrayList<>();
			List<String> alignments = new ArrayList<>();
			int columns = 0;
			for (JsonNode row : node.path("content")) {
				List<String> cells = new ArrayList<>();
				for (JsonNode cell : row.path("content")) {
					cells.add(tableCell(cell));
					if (rows.isEmpty()) {
						alignments.add(alignment(cell));
					}
				}
				columns = Math.max(columns, cells.size());
				rows.add(cells);
			}
			if (columns == 0) {
				return "";
			}
			StringBuilder table = new StringBuilder();
			for (int r = 0; r < rows.size(); r++) {
				if (r > 0) {
					table.append('\n');
				}
				table.append(tableRow(rows.get(r), columns));
				if (r == 0) {
					List<String> delimiters = new ArrayList<>();
					for (int c = 0; c < columns; c++) {
						delimiters.add((c < alignments.size()) ? alignments.get(c) : "---");
					}
					table.append('\n').append(tableRow(delimiters, columns));
				}
			}
			return table.toString();
		}

		private static String tableRow(List<String> cells, int columns) {
			StringBuilder row = new StringBuilder("|");
			for (int c = 0; c < columns; c++) {
				String cell = (c < cells.size()) ? cells.get(c) : "";
				row.append(' ').append(cell).append(cell.isEmpty() ? "|" : " |");
			}
			return row.toString();
		}

		/**
		 * A cell as a single line: paragraphs are joined by spaces (a GFM cell cannot
		 * hold a line break), other blocks flattened to their Markdown on one line.
		 */
		private String tableCell(JsonNode cell) {
			List<String> parts = new ArrayList<>();
			for (JsonNode block : cell.path("content")) {
				String part = type(block).equals("paragraph") ? inlines(block, Mode.TABLE_CELL)
						: block(block, '-', '.').replace("|", "\\|").replaceAll("\\s*\\n\\s*", " ");
				if (!part.isBlank()) {
					parts.add(part.strip());
				}
			}
			return String.join(" ", parts);
		}

		private static String alignment(JsonNode cell) {
			for (JsonNode mark : cell.path("content").path(0).path("marks")) {
				if ("alignment".equals(mark.path("type").asText())) {
					return switch (mark.path("attrs").path("align").asText()) {
						case "center" -> ":-:";
						case "end" -> "--:";
						default -> "---";
					};
				}
			}
			return "---";
		}

		private String panel(JsonNode node) {
			String panelType = node.path("attrs").path("panelType").asText("note");
			String label = "**" + (panelType.equals("custom") ? "Note"
					: panelType.substring(0, 1).toUpperCase(Locale.ROOT) + panelType.substring(1)) + ":**";
			String body = blocks(node.path("content"), false);
			boolean startsWithParagraph = !node.path("content").isEmpty()
					&& type(node.path("content").path(0)).equals("paragraph") && !body.isEmpty();
			return quote(startsWithParagraph ? label + " " + body : (body.isEmpty() ? label : label + "\n\n" + body));
		}

		private String expand(JsonNode node) {
			String title = node.path("attrs").path("title").asText("").strip();
			String body = blocks(node.path("content"), false);
			if (title.isEmpty()) {
				return body;
			}
			String heading = "**" + InlineMarkdown.escape(title, false, false, false, false) + "**";
			return body.isEmpty() ? heading : heading + "\n\n" + body;
		}

		private String media(JsonNode node) {
			List<String> parts = new ArrayList<>();
			for (JsonNode child : node.path("content")) {
				String part = type(child).equals("media") ? InlineMarkdown.attachment(child.path("attrs"))
						: block(child, '-', '.');
				if (!part.isEmpty()) {
					parts.add(part);
				}
			}
			return String.join(" ", parts);
		}

		private String taskList(JsonNode node, char bullet) {
			List<String> items = new ArrayList<>();
			for (JsonNode item : node.path("content")) {
				// A task list inside a task list belongs to the item before it.
				String rendered = type(item).equals("taskList") ? indent(taskList(item, bullet), " ")
						: block(item, bullet, '.');
				if (!rendered.isEmpty()) {
					items.add(rendered);
				}
			}
			return String.join("\n", items);
		}

		private String taskItem(JsonNode item, char bullet) {
			String box = "DONE".equals(item.path("attrs").path("state").asText()) ? "[x]" : "[ ]";
			String body = type(item).equals("blockTaskItem") ? blocks(item.path("content"), true)
					: inlines(item, Mode.PARAGRAPH);
			return indent(body.isEmpty() ? box : box + " " + body, String.valueOf(bullet));
		}

		private String decisionList(JsonNode node, char bullet) {
			List<String> items = new ArrayList<>();
			for (JsonNode item : node.path("content")) {
				items.add(decisionItem(item, bullet));
			}
			return String.join("\n", items);
		}

		private String decisionItem(JsonNode item, char bullet) {
			return indent("Decision: " + inlines(item, Mode.PARAGRAPH), String.valueOf(bullet));
		}

		/**
		 * A node type the schema does not define: its block children are rendered if it
		 * has any, otherwise its text.
		 */
		private String unknownBlock(JsonNode node) {
			JsonNode content = node.path("content");
			boolean hasBlocks = false;
			for (JsonNode child : content) {
				String type = type(child);
				hasBlocks |= KNOWN_TYPES.contains(type) && !InlineMarkdown.INLINE_TYPES.contains(type);
			}
			if (hasBlocks) {
				return blocks(content, false);
			}
			if (content.isArray() && !content.isEmpty()) {
				List<JsonNode> inline = new ArrayList<>();
				content.forEach(inline::add);
				return InlineMarkdown.render(inline, Mode.PARAGRAPH);
			}
			return InlineMarkdown.escape(InlineMarkdown.collectText(node), true, true, false, false);
		}

		private static String inlines(JsonNode block, Mode mode) {
			List<JsonNode> nodes = new ArrayList<>();
			block.path("content").forEach(nodes::add);
			return InlineMarkdown.render(nodes, mode);
		}

		private static String type(JsonNode node) {
			return node.path("type").asText("");
		}

	}

}

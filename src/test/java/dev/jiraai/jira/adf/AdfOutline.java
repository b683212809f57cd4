package dev.jiraai.jira.adf;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * Writes an ADF document as an indented outline, one node per line with its attributes
 * and marks, so that golden files show the structure of a conversion at a glance.
 *
 * <p>
 * For example {@code paragraph} / {@code   text "Hello " [strong]} /
 * {@code   mention accessLevel="" id="5b10"
 * text="@Alice"}. Text longer than {@value #MAX_TEXT} characters is cut, with its length
 * noted.
 */
final class AdfOutline {

	private static final int MAX_TEXT = 100;

	private AdfOutline() {
	}

	/**
	 * The outline of a document's content (the {@code doc} node itself is left out).
	 * @param document an ADF document
	 * @return one line per node, children indented by two spaces; empty for an empty
	 * document
	 */
	static String of(JsonNode document) {
		List<String> lines = new ArrayList<>();
		for (JsonNode node : document.path("content")) {
			append(node, "", lines);
		}
		return String.join("\n", lines);
	}

	private static void append(JsonNode node, String indent, List<String> lines) {
		StringBuilder line = new StringBuilder(indent).append(node.path("type").asText());
		if (node.has("text")) {
			String text = node.path("text").asText();
			line.append(' ').append(quote((text.length() > MAX_TEXT) ? text.substring(0, MAX_TEXT) : text));
			if (text.length() > MAX_TEXT) {
				line.append("... (").append(text.length()).append(" chars)");
			}
		}
		List<Map.Entry<String, JsonNode>> attrs = new ArrayList<>();
		node.path("attrs").fields().forEachRemaining(attrs::add);
		attrs.sort(Map.Entry.comparingByKey());
		for (Map.Entry<String, JsonNode> attr : attrs) {
			line.append(' ').append(attr.getKey()).append('=').append(attr.getValue());
		}
		List<String> marks = new ArrayList<>();
		for (JsonNode mark : node.path("marks")) {
			String type = mark.path("type").asText();
			JsonNode markAttrs = mark.path("attrs");
			marks.add(switch (type) {
				case "link" -> "link=" + markAttrs.path("href").asText()
						+ (markAttrs.has("title") ? " title=" + markAttrs.get("title") : "");
				case "alignment" -> "alignment=" + markAttrs.path("align").asText();
				default -> markAttrs.isEmpty() ? type : type + "=" + markAttrs;
			});
		}
		if (!marks.isEmpty()) {
			line.append(" [").append(String.join(", ", marks)).append(']');
		}
		lines.add(line.toString());
		for (JsonNode child : node.path("content")) {
			append(child, indent + "  ", lines);
		}
	}

	private static String quote(String text) {
		return new TextNode(text).toString();
	}

}

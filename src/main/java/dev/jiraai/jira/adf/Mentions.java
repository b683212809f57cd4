package dev.jiraai.jira.adf;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.regex.Pattern;

import org.commonmark.node.Block;
import org.commonmark.node.Code;
import org.commonmark.node.CustomNode;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.Text;
import org.commonmark.parser.PostProcessor;

/**
 * Turns the mention syntax {@code @[Display Name](accountId)}, which CommonMark parses as
 * an {@code @} followed by a link, into {@link Mention} nodes after parsing.
 */
final class Mentions implements PostProcessor {

	/**
	 * Atlassian account ids ({@code 5b10a2844c20165700ede21g},
	 * {@code 557058:f58131cb-...}); a destination with a path, query or dot is a relative
	 * URL, not an account id.
	 */
	private static final Pattern ACCOUNT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9:_-]{0,127}");

	/**
	 * Replaces each mention in a parsed document. Only an {@code @} directly before the
	 * brackets counts, whatever precedes it: an e-mail address or a lone {@code @} has no
	 * brackets after it. The destination must look like an account id (no URL scheme,
	 * path or dot), so {@code @[Profile](https://...)} stays a link.
	 */
	@Override
	public Node process(Node document) {
		// Iterative, as the nesting of untrusted Markdown is unbounded.
		Deque<Node> pending = new ArrayDeque<>();
		pending.push(document);
		while (!pending.isEmpty()) {
			Node node = pending.pop();
			if (node instanceof Link link && replaceWithMention(link)) {
				continue;
			}
			for (Node child = node.getLastChild(); child != null; child = child.getPrevious()) {
				pending.push(child);
			}
		}
		return document;
	}

	private static boolean replaceWithMention(Link link) {
		String destination = link.getDestination();
		if (!(link.getPrevious() instanceof Text sign) || !sign.getLiteral().endsWith("@") || destination == null
				|| !ACCOUNT_ID.matcher(destination).matches() || LinkPolicy.hasScheme(destination)) {
			return false;
		}
		String literal = sign.getLiteral();
		if (literal.length() == 1) {
			sign.unlink();
		}
		else {
			sign.setLiteral(literal.substring(0, literal.length() - 1));
		}
		String name = plainText(link).strip();
		link.insertBefore(new Mention(destination, name.startsWith("@") ? name.substring(1) : name));
		link.unlink();
		return true;
	}

	/**
	 * The text of a node's descendants without their markup, for a mention's name, an
	 * image's alt text, or content nested too deeply to convert.
	 * @param root the node whose descendants to read
	 * @return the text, line breaks as spaces and blocks separated by a space
	 */
	static String plainText(Node root) {
		StringBuilder text = new StringBuilder();
		Deque<Node> pending = new ArrayDeque<>();
		for (Node child = root.getLastChild(); child != null; child = child.getPrevious()) {
			pending.push(child);
		}
		while (!pending.isEmpty()) {
			Node node = pending.pop();
			if (node instanceof Block && !text.isEmpty()) {
				text.append(' ');
			}
			switch (node) {
				case Text t -> text.append(t.getLiteral());
				case Code c -> text.append(c.getLiteral());
				case HtmlInline h -> text.append(h.getLiteral());
				case HtmlBlock h -> text.append(h.getLiteral());
				case FencedCodeBlock c -> text.append(c.getLiteral());
				case IndentedCodeBlock c -> text.append(c.getLiteral());
				case SoftLineBreak b -> text.append(' ');
				case HardLineBreak b -> text.append(' ');
				case Mention m -> text.append('@').append(m.displayName());
				default -> {
					for (Node child = node.getLastChild(); child != null; child = child.getPrevious()) {
						pending.push(child);
					}
				}
			}
		}
		return text.toString();
	}

	/**
	 * A mention of an Atlassian user: the account id and the name shown (without the
	 * {@code @}).
	 */
	static final class Mention extends CustomNode {

		private final String accountId;

		private final String displayName;

		Mention(String accountId, String displayName) {
			this.accountId = accountId;
			this.displayName = displayName;
		}

		String accountId() {
			return this.accountId;
		}

		String displayName() {
			return this.displayName;
		}

	}

}

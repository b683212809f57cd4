package dev.jiraai.jira.adf;

import java.util.ArrayList;
import java.util.List;

import org.commonmark.node.CustomNode;
import org.commonmark.node.Node;
import org.commonmark.node.Nodes;
import org.commonmark.node.Text;
import org.commonmark.parser.delimiter.DelimiterProcessor;
import org.commonmark.parser.delimiter.DelimiterRun;

/**
 * Struck-through text written {@code ~~text~~}, parsed with CommonMark's delimiter
 * extension point because the GFM strikethrough extension is not among the project's
 * dependencies.
 */
final class Strikethrough extends CustomNode {

	/**
	 * Pairs {@code ~~} delimiters; single and triple tildes stay text, as on GitHub.
	 */
	static final class TildeDelimiters implements DelimiterProcessor {

		@Override
		public char getOpeningCharacter() {
			return '~';
		}

		@Override
		public char getClosingCharacter() {
			return '~';
		}

		@Override
		public int getMinLength() {
			return 2;
		}

		@Override
		public int process(DelimiterRun openingRun, DelimiterRun closingRun) {
			if (openingRun.length() != 2 || closingRun.length() != 2) {
				return 0;
			}
			Text opener = openingRun.getOpener();
			List<Node> struck = new ArrayList<>();
			Nodes.between(opener, closingRun.getCloser()).forEach(struck::add);
			Strikethrough strikethrough = new Strikethrough();
			struck.forEach(strikethrough::appendChild);
			opener.insertAfter(strikethrough);
			return 2;
		}

	}

}

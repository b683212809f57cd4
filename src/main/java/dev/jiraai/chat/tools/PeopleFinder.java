package dev.jiraai.chat.tools;

import java.util.stream.Collectors;

import dev.jiraai.ai.UntrustedText;
import dev.jiraai.jira.PersonMatch;

/**
 * What the model is told when a name it wrote is not one person ({@link PersonMatch}):
 * nothing was proposed, ask the user.
 */
final class PeopleFinder {

	private PeopleFinder() {
	}

	/**
	 * Nothing was proposed, ask the user, with the people to choose from (their names are
	 * Jira text, fenced).
	 */
	static String unresolved(PersonMatch match, String tool, String parameter) {
		if (match instanceof PersonMatch.Several several) {
			return ("'%s' matches several people, so nothing was proposed. Ask the user which one they mean, then "
					+ "call %s again with that person's full display name in %s. The people:\n%s")
				.formatted(ToolTurn.line(several.name()), tool, parameter,
						UntrustedText.fence("users",
								several.candidates()
									.stream()
									.map(user -> "- " + ToolTurn.line(user.displayName()))
									.collect(Collectors.joining("\n"))));
		}
		return ("Nobody in Jira matches '%s' (among the people who can be chosen here), so nothing was proposed. "
				+ "Ask the user for the person's name as Jira shows it.")
			.formatted(ToolTurn.line(((PersonMatch.Nobody) match).name()));
	}

}

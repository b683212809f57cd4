package dev.jiraai.chat.tools;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import dev.jiraai.ai.UntrustedText;
import dev.jiraai.jira.payload.JiraUser;

/**
 * Which one person a name the model wrote means, among the people a Jira user search
 * found: the only one found, or the only one whose display name is exactly that name.
 * Several without an exact match is for the user to decide, never for the model to guess:
 * a wrong mention notifies the wrong person, a wrong assignee gets the work.
 */
final class PeopleFinder {

	/** How many people a search asks for: enough to show the choice. */
	static final int CANDIDATES = 10;

	private PeopleFinder() {
	}

	/** What a name resolves to. */
	sealed interface Match {

		/** The one person meant. */
		record One(JiraUser user) implements Match {
		}

		/** Several people match and none exactly. */
		record Several(String name, List<JiraUser> candidates) implements Match {
		}

		/** Nobody matches. */
		record Nobody(String name) implements Match {
		}

	}

	static Match match(String name, List<JiraUser> found) {
		List<JiraUser> active = found.stream().filter(JiraUser::active).toList();
		if (active.size() == 1) {
			return new Match.One(active.get(0));
		}
		String wanted = name.strip().toLowerCase(Locale.ROOT);
		List<JiraUser> exact = active.stream()
			.filter(user -> user.displayName() != null && user.displayName().toLowerCase(Locale.ROOT).equals(wanted))
			.toList();
		if (exact.size() == 1) {
			return new Match.One(exact.get(0));
		}
		return active.isEmpty() ? new Match.Nobody(name) : new Match.Several(name, active);
	}

	/**
	 * What the model is told when a name is not one person: nothing was proposed, ask the
	 * user, with the people to choose from (their names are Jira text, fenced).
	 */
	static String unresolved(Match match, String tool, String parameter) {
		if (match instanceof Match.Several several) {
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
			.formatted(ToolTurn.line(((Match.Nobody) match).name()));
	}

}

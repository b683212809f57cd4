package dev.jiraai.jira;

import java.util.List;
import java.util.Locale;

import dev.jiraai.jira.payload.JiraUser;

/**
 * Which one person a name means, among the people a Jira user search found: the only one
 * found, or the only one whose display name is exactly that name. Several without an
 * exact match is for the user to decide, never for the app to guess: a wrong mention
 * notifies the wrong person, a wrong assignee gets the work. Shared by the features that
 * turn a written name into an account (the assistant's tools, stand-up blockers).
 */
public sealed interface PersonMatch {

	/** How many people a search asks for: enough to show the choice. */
	int CANDIDATES = 10;

	/** The one person meant. */
	record One(JiraUser user) implements PersonMatch {
	}

	/** Several people match and none exactly. */
	record Several(String name, List<JiraUser> candidates) implements PersonMatch {
	}

	/** Nobody matches. */
	record Nobody(String name) implements PersonMatch {
	}

	/** What a name resolves to among the people found for it (inactive ones left out). */
	static PersonMatch of(String name, List<JiraUser> found) {
		List<JiraUser> active = found.stream().filter(JiraUser::active).toList();
		if (active.size() == 1) {
			return new One(active.get(0));
		}
		String wanted = name.strip().toLowerCase(Locale.ROOT);
		List<JiraUser> exact = active.stream()
			.filter(user -> user.displayName() != null && user.displayName().toLowerCase(Locale.ROOT).equals(wanted))
			.toList();
		if (exact.size() == 1) {
			return new One(exact.get(0));
		}
		return active.isEmpty() ? new Nobody(name) : new Several(name, active);
	}

}

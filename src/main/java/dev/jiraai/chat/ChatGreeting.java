package dev.jiraai.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.jiraai.jira.JiraIdentity;
import dev.jiraai.jira.JiraSearch;
import dev.jiraai.jira.JiraUsers;
import dev.jiraai.jira.payload.IssueSummary;
import dev.jiraai.tenancy.SiteFeatures;
import dev.jiraai.tenancy.SiteUser;

import org.springframework.stereotype.Service;

/**
 * What the assistant says before the user says anything: who they are to Jira, what it
 * can do for them on this site, and prompts built from their own work. Two Jira reads, no
 * model call, so it shows at once.
 */
@Service
class ChatGreeting {

	private static final int SUGGESTIONS = 4;

	private static final ChatTools.Capability STANDUP = new ChatTools.Capability("standup", "Daily stand-up",
			"Asks your three stand-up questions with your first message of the day and, once you confirm, posts "
					+ "your update to the issues it concerns.",
			false);

	private final JiraUsers users;

	private final JiraSearch search;

	private final ChatTools tools;

	private final SiteFeatures features;

	ChatGreeting(JiraUsers users, JiraSearch search, ChatTools tools, SiteFeatures features) {
		this.users = users;
		this.search = search;
		this.tools = tools;
		this.features = features;
	}

	/**
	 * @param displayName the user's name in Jira
	 * @param capabilities what the assistant can do for them here
	 * @param suggestions prompts to start with
	 * @param readOnly whether the assistant only reads on this site
	 */
	record Greeting(String displayName, List<ChatTools.Capability> capabilities, List<Suggestion> suggestions,
			boolean readOnly) {
	}

	/**
	 * @param label what the button says
	 * @param prompt what it sends
	 */
	record Suggestion(String label, String prompt) {
	}

	Greeting of(SiteUser user) {
		String name = this.users.myself(JiraIdentity.of(user)).displayName();
		List<ChatTools.Capability> capabilities = new ArrayList<>(this.tools.available(user.site()));
		// Read-only is the assistant's tools; the stand-up's comments are a feature of
		// their own.
		boolean writes = capabilities.stream().anyMatch(ChatTools.Capability::writes);
		if (Boolean.TRUE.equals(this.features.forSite(user.site()).get("standup"))) {
			capabilities.add(STANDUP);
		}
		List<IssueSummary> mine = this.search.myIssues(user, Optional.empty(), 10);
		return new Greeting(name, List.copyOf(capabilities), suggestions(mine, capabilities), !writes);
	}

	private static List<Suggestion> suggestions(List<IssueSummary> mine, List<ChatTools.Capability> capabilities) {
		List<Suggestion> suggestions = new ArrayList<>();
		suggestions.add(new Suggestion("What am I working on?", "What am I working on?"));
		Optional<IssueSummary> inProgress = mine.stream()
			.filter(issue -> issue.status() != null && "indeterminate".equals(issue.status().category()))
			.findFirst();
		Optional<IssueSummary> focus = inProgress.or(() -> mine.stream().findFirst());
		focus.ifPresent(issue -> {
			suggestions.add(new Suggestion("Summarise " + issue.key(),
					"Summarise %s and its recent comments".formatted(issue.key())));
			if (has(capabilities, "assess")) {
				suggestions.add(new Suggestion("Assess " + issue.key(), "Assess " + issue.key()));
			}
			if (has(capabilities, "transition")) {
				suggestions.add(new Suggestion("Move " + issue.key() + " on",
						"What can I move %s to next?".formatted(issue.key())));
			}
		});
		if (focus.isEmpty() && has(capabilities, "create")) {
			suggestions.add(new Suggestion("Draft a ticket", "Help me write a story for "));
		}
		if (suggestions.size() < SUGGESTIONS) {
			suggestions.add(new Suggestion("Open bugs", "Which open bugs were updated this week?"));
		}
		return List.copyOf(suggestions.subList(0, Math.min(SUGGESTIONS, suggestions.size())));
	}

	private static boolean has(List<ChatTools.Capability> capabilities, String id) {
		return capabilities.stream().anyMatch(capability -> capability.id().equals(id));
	}

}

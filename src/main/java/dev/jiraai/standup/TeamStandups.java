package dev.jiraai.standup;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.jiraai.ai.AiCall;
import dev.jiraai.ai.AiException;
import dev.jiraai.ai.LlmGateway;
import dev.jiraai.ai.ModelMarkdown;
import dev.jiraai.ai.SourceUrls;
import dev.jiraai.jira.JiraIdentity;
import dev.jiraai.jira.JiraMetadata;
import dev.jiraai.jira.JiraUsers;
import dev.jiraai.jira.ProjectKey;
import dev.jiraai.jira.payload.JiraUser;
import dev.jiraai.jira.payload.Project;
import dev.jiraai.tenancy.SiteDataPurgeDue;
import dev.jiraai.tenancy.SiteUser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/**
 * The team view of a project's stand-up day, for a user who may browse the project: who
 * gave a stand-up, each update, all blockers, and a short AI summary.
 * <p>
 * The summary is one model call, cached per site, project, date and the latest stand-up's
 * {@code updatedAt} (a new or edited stand-up makes a new summary; a day without any
 * makes no call). A failure is not cached: the next view tries again.
 */
@Service
public class TeamStandups {

	private static final Logger logger = LoggerFactory.getLogger(TeamStandups.class);

	static final String PROMPT = "team_summary";

	/** Most assignable users a team view lists. */
	private static final int MAX_PEOPLE = 100;

	private final Standups standups;

	private final StandupStore store;

	private final JiraMetadata metadata;

	private final JiraUsers users;

	private final LlmGateway gateway;

	/**
	 * Summaries by site, project, date and latest stand-up; a day's summaries are of no
	 * use after it, so they are kept a day at most.
	 */
	private final Cache<String, String> summaries = Caffeine.newBuilder()
		.expireAfterWrite(Duration.ofDays(1))
		.maximumSize(10_000)
		.build();

	TeamStandups(Standups standups, StandupStore store, JiraMetadata metadata, JiraUsers users, LlmGateway gateway) {
		this.standups = standups;
		this.store = store;
		this.metadata = metadata;
		this.users = users;
		this.gateway = gateway;
	}

	/**
	 * The project's stand-up day, on the viewer's date.
	 * @throws StandupProblem.ProjectHidden when the user may not browse the project
	 */
	public TeamDay team(SiteUser user, ProjectKey projectKey) {
		this.standups.requireOn(user);
		JiraIdentity who = JiraIdentity.of(user);
		Project project = this.metadata.project(who, projectKey)
			.orElseThrow(() -> new StandupProblem.ProjectHidden(projectKey));
		LocalDate date = this.standups.date(this.users.timeZone(user));
		Map<String, StandupStore.Saved> given = new LinkedHashMap<>();
		this.store.ofDate(user.site().clientKey(), date).forEach(saved -> given.put(saved.accountId(), saved));

		Map<String, String> names = new LinkedHashMap<>();
		for (JiraUser person : this.users.assignable(who, projectKey, null, null, MAX_PEOPLE)) {
			names.put(person.accountId(), person.displayName());
		}
		String prefix = project.key() + "-";
		for (StandupStore.Saved saved : given.values()) {
			boolean concernsProject = StandupComments.concernedKeys(saved.standup())
				.stream()
				.anyMatch(key -> key.value().startsWith(prefix));
			if (concernsProject && !names.containsKey(saved.accountId())) {
				names.put(saved.accountId(), displayName(user, saved.accountId()));
			}
		}

		List<TeamDay.Person> people = new ArrayList<>();
		List<TeamDay.Blocker> blockers = new ArrayList<>();
		List<StandupStore.Saved> team = new ArrayList<>();
		names.forEach((accountId, name) -> {
			StandupStore.Saved saved = given.get(accountId);
			people.add(new TeamDay.Person(accountId, name, saved != null, (saved == null) ? null : saved.standup()));
			if (saved != null) {
				team.add(saved);
				if (saved.standup().blocked()) {
					blockers.add(new TeamDay.Blocker(accountId, name, saved.standup().blockers(),
							List.copyOf(StandupComments.keysIn(saved.standup().blockers()))));
				}
			}
		});
		if (team.isEmpty()) {
			return new TeamDay(project.key(), date, people, blockers, null, null);
		}
		try {
			return new TeamDay(project.key(), date, people, blockers, summary(user, project, date, team, names), null);
		}
		catch (AiException ex) {
			logger.info("Stand-up summary of {} on {} for {}: {}", project.key(), date, user.site().clientKey(),
					ex.getMessage());
			return new TeamDay(project.key(), date, people, blockers, null,
					"The AI summary could not be written: %s".formatted(ex.getMessage()));
		}
	}

	private String summary(SiteUser user, Project project, LocalDate date, List<StandupStore.Saved> team,
			Map<String, String> names) {
		Instant latest = team.stream()
			.map(saved -> saved.standup().updatedAt())
			.max(Comparator.naturalOrder())
			.orElseThrow();
		String key = String.join("|", user.site().clientKey(), project.key(), date.toString(), latest.toString());
		String material = team.stream()
			.map(saved -> material(names.get(saved.accountId()), saved.standup()))
			.collect(Collectors.joining("\n"));
		return this.summaries.get(key, k -> {
			String text = this.gateway.call(new AiCall(user.site(), user.accountId(), Standups.FEATURE,
					PROMPT + ".system", PROMPT, Map.of("project", project.key() + " " + project.name(), "today",
							date.toString(), "standups", material)))
				.text();
			return ModelMarkdown.withoutForeignLinks(text.strip(), SourceUrls.in(List.of(material)));
		});
	}

	private static String material(String name, Standup standup) {
		return "- %s\n  Done: %s\n  Planned: %s\n  Blocker: %s".formatted(name, orNone(standup.yesterday()),
				orNone(standup.today()), orNone(standup.blockers()));
	}

	private static String orNone(String answer) {
		return answer.isBlank() ? "(none)" : answer.replace("\n", "\n    ");
	}

	private String displayName(SiteUser user, String accountId) {
		return this.users.byAccountId(JiraIdentity.of(user), accountId).map(JiraUser::displayName).orElse(accountId);
	}

	@EventListener
	void on(SiteDataPurgeDue event) {
		String prefix = event.clientKey() + "|";
		this.summaries.asMap().keySet().removeIf(key -> key.startsWith(prefix));
	}

}

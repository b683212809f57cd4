package dev.jiraai.jira;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.jiraai.jira.payload.AllowedValue;
import dev.jiraai.jira.payload.CreateField;
import dev.jiraai.jira.payload.IssueType;
import dev.jiraai.jira.payload.JiraField;
import dev.jiraai.jira.payload.JiraStatus;
import dev.jiraai.jira.payload.Priority;
import dev.jiraai.jira.payload.Project;
import dev.jiraai.tenancy.Site;
import dev.jiraai.tenancy.SiteDataPurgeDue;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/**
 * Site metadata: projects, issue types, statuses, priorities, fields and create metadata,
 * cached in Caffeine.
 * <p>
 * Identity and caching per operation:
 * <ul>
 * <li>{@link #issueTypes}, {@link #statuses}, {@link #fields}: the same for every user of
 * a site, read as the app and cached per site ({@code jira-ai.jira.cache.site-ttl}).</li>
 * <li>{@link #projects}, {@link #projectStatuses}, {@link #createIssueTypes},
 * {@link #createFields}, {@link #priorities}: what the caller may see or create depends
 * on their permissions, so they are read as the given identity and cached per site
 * <em>and</em> account ({@code jira-ai.jira.cache.user-ttl}); one user's answer is never
 * served to another.</li>
 * </ul>
 * Priorities come from the create metadata of a project (what its create screen allows):
 * the site-wide {@code GET /priority} and {@code /priority/search} are deprecated, and
 * the priority scheme API needs admin scope.
 */
@Service
public class JiraMetadata {

	private static final String PROJECTS = "/rest/api/3/project/search";

	private static final String ISSUE_TYPES = "/rest/api/3/issuetype";

	private static final String STATUSES = "/rest/api/3/status";

	private static final String PROJECT_STATUSES = "/rest/api/3/project/{projectIdOrKey}/statuses";

	private static final String FIELDS = "/rest/api/3/field";

	private static final String CREATE_ISSUE_TYPES = "/rest/api/3/issue/createmeta/{projectIdOrKey}/issuetypes";

	private static final String CREATE_FIELDS = "/rest/api/3/issue/createmeta/{projectIdOrKey}/issuetypes/{issueTypeId}";

	private static final int PAGE = 50;

	private final JiraHttp http;

	private final Cache<String, Object> siteCache;

	private final Cache<String, Object> userCache;

	JiraMetadata(JiraHttp http, JiraProperties properties) {
		this.http = http;
		this.siteCache = Caffeine.newBuilder()
			.expireAfterWrite(properties.cache().siteTtl())
			.maximumSize(properties.cache().maxEntries())
			.build();
		this.userCache = Caffeine.newBuilder()
			.expireAfterWrite(properties.cache().userTtl())
			.maximumSize(properties.cache().maxEntries())
			.build();
	}

	/** The projects the caller can browse. */
	public List<Project> projects(JiraIdentity who) {
		return userCached(who, "projects", () -> {
			List<Project> projects = new ArrayList<>();
			int startAt = 0;
			while (true) {
				JsonNode page = this.http.get("list projects", who,
						JiraHttp.uri(PROJECTS, Map.of("startAt", startAt, "maxResults", PAGE)));
				page.path("values").forEach(project -> projects.add(JiraJson.project(project)));
				startAt += page.path("values").size();
				if (page.path("isLast").asBoolean(true) || page.path("values").isEmpty()) {
					return List.copyOf(projects);
				}
			}
		});
	}

	/** The project with this key, if the caller can browse it. */
	public Optional<Project> project(JiraIdentity who, ProjectKey projectKey) {
		return projects(who).stream().filter(project -> project.key().equalsIgnoreCase(projectKey.value())).findFirst();
	}

	/** Every issue type of the site. */
	public List<IssueType> issueTypes(Site site) {
		return siteCached(site, "issueTypes", () -> {
			List<IssueType> types = new ArrayList<>();
			this.http.get("list issue types", JiraIdentity.app(site), JiraHttp.uri(ISSUE_TYPES))
				.forEach(type -> types.add(JiraJson.issueType(type)));
			return List.copyOf(types);
		});
	}

	/** Every status of the site. */
	public List<JiraStatus> statuses(Site site) {
		return siteCached(site, "statuses", () -> {
			List<JiraStatus> statuses = new ArrayList<>();
			this.http.get("list statuses", JiraIdentity.app(site), JiraHttp.uri(STATUSES))
				.forEach(status -> statuses.add(JiraJson.status(status)));
			return List.copyOf(statuses);
		});
	}

	/**
	 * The statuses of a project's workflows, across its issue types, without duplicates.
	 */
	public List<JiraStatus> projectStatuses(JiraIdentity who, ProjectKey projectKey) {
		return userCached(who, "projectStatuses|" + projectKey.value(), () -> {
			List<JiraStatus> statuses = new ArrayList<>();
			this.http.get("list project statuses", who, JiraHttp.uri(PROJECT_STATUSES, projectKey.value()))
				.forEach(type -> type.path("statuses").forEach(status -> {
					JiraStatus parsed = JiraJson.status(status);
					if (statuses.stream().noneMatch(known -> known.id().equals(parsed.id()))) {
						statuses.add(parsed);
					}
				}));
			return List.copyOf(statuses);
		});
	}

	/** Every field of the site, system and custom. */
	public List<JiraField> fields(Site site) {
		return siteCached(site, "fields", () -> {
			List<JiraField> fields = new ArrayList<>();
			this.http.get("list fields", JiraIdentity.app(site), JiraHttp.uri(FIELDS))
				.forEach(field -> fields.add(new JiraField(JiraJson.text(field, "id"), JiraJson.text(field, "name"),
						field.path("custom").asBoolean(false), JiraJson.text(field.path("schema"), "type"))));
			return List.copyOf(fields);
		});
	}

	/** The issue types the caller can create in a project. */
	public List<IssueType> createIssueTypes(JiraIdentity who, ProjectKey projectKey) {
		return userCached(who, "createTypes|" + projectKey.value(), () -> {
			List<IssueType> types = new ArrayList<>();
			int startAt = 0;
			while (true) {
				JsonNode page = this.http.get("read create metadata", who, JiraHttp.uri(CREATE_ISSUE_TYPES,
						Map.of("startAt", startAt, "maxResults", PAGE), projectKey.value()));
				JsonNode values = page.has("issueTypes") ? page.path("issueTypes") : page.path("values");
				values.forEach(type -> types.add(JiraJson.issueType(type)));
				startAt += values.size();
				if (values.isEmpty() || startAt >= page.path("total").asInt(startAt)) {
					return List.copyOf(types);
				}
			}
		});
	}

	/** The fields of a project's create screen for an issue type. */
	public List<CreateField> createFields(JiraIdentity who, ProjectKey projectKey, String issueTypeId) {
		return userCached(who, "createFields|" + projectKey.value() + "|" + issueTypeId, () -> {
			List<CreateField> fields = new ArrayList<>();
			int startAt = 0;
			while (true) {
				JsonNode page = this.http.get("read create metadata", who, JiraHttp.uri(CREATE_FIELDS,
						Map.of("startAt", startAt, "maxResults", PAGE), projectKey.value(), issueTypeId));
				JsonNode values = page.has("fields") ? page.path("fields") : page.path("values");
				values.forEach(field -> fields.add(JiraJson.createField(field)));
				startAt += values.size();
				if (values.isEmpty() || startAt >= page.path("total").asInt(startAt)) {
					return List.copyOf(fields);
				}
			}
		});
	}

	/**
	 * The priorities an issue of the project can have (from its create screen; empty when
	 * the screen has no priority field).
	 */
	public List<Priority> priorities(JiraIdentity who, ProjectKey projectKey) {
		List<IssueType> types = createIssueTypes(who, projectKey);
		for (IssueType type : types) {
			Optional<CreateField> priority = createFields(who, projectKey, type.id()).stream()
				.filter(field -> "priority".equals(field.fieldId()))
				.findFirst();
			if (priority.isPresent()) {
				return priority.get()
					.allowedValues()
					.stream()
					.map(value -> new Priority(value.id(), value.name()))
					.toList();
			}
		}
		return List.of();
	}

	/**
	 * Resolves an issue type by name or id among the types the caller can create in the
	 * project.
	 */
	public Optional<IssueType> createIssueType(JiraIdentity who, ProjectKey projectKey, String nameOrId) {
		return createIssueTypes(who, projectKey).stream()
			.filter(type -> type.id().equals(nameOrId) || type.name().equalsIgnoreCase(nameOrId))
			.findFirst();
	}

	static Optional<AllowedValue> allowed(CreateField field, String nameOrId) {
		return field.allowedValues()
			.stream()
			.filter(value -> nameOrId.equals(value.id()) || nameOrId.equalsIgnoreCase(value.name()))
			.findFirst();
	}

	/** Forgets everything cached for a site, e.g. when its data is deleted. */
	public void evict(Site site) {
		evict(site.clientKey());
	}

	@EventListener
	void on(SiteDataPurgeDue event) {
		evict(event.clientKey());
	}

	private void evict(String clientKey) {
		String prefix = clientKey + "|";
		this.siteCache.asMap().keySet().removeIf(key -> key.startsWith(prefix));
		this.userCache.asMap().keySet().removeIf(key -> key.startsWith(prefix));
	}

	@SuppressWarnings("unchecked")
	private <T> T siteCached(Site site, String what, Supplier<T> load) {
		return (T) this.siteCache.get(site.clientKey() + "|" + what, key -> load.get());
	}

	@SuppressWarnings("unchecked")
	private <T> T userCached(JiraIdentity who, String what, Supplier<T> load) {
		// The cache key of the app identity is the bare client key: give it its own
		// partition.
		String partition = (who instanceof JiraIdentity.AsApp) ? who.cacheKey() + "|app" : who.cacheKey();
		return (T) this.userCache.get(partition + "|" + what, key -> load.get());
	}

}

package dev.jiraai.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.time.Instant;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The content of a simulated Jira site (users, projects, issue types, statuses,
 * priorities, resolutions, fields and create screens, issues with ADF descriptions,
 * comments, links and entity properties, a workflow, and the project permissions denied
 * to users), seeded from {@code jira-simulator/seed-site.json} and changed by the app's
 * writes.
 * <p>
 * Issues are kept in a compact form of their own (field names as in the seed), not in
 * Jira's wire format: {@link JiraRestHandlers} renders them.
 */
public final class SiteData {

	static final ObjectMapper json = new ObjectMapper();

	/**
	 * Jira's wire format for date-times: millisecond precision and an offset without
	 * colon.
	 */
	static final DateTimeFormatter JIRA_DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

	/** The project permissions that can be denied, by their Jira keys. */
	static final Set<String> PERMISSIONS = Set.of("BROWSE_PROJECTS", "CREATE_ISSUES", "EDIT_ISSUES", "ADD_COMMENTS",
			"TRANSITION_ISSUES", "ASSIGNABLE_USER");

	/** Jira's global permission of its administrators. */
	static final String ADMINISTER = "ADMINISTER";

	/** The account id of the app's own user, which Connect calls are made as. */
	static final String APP_ACCOUNT_ID = "557058:app-" + JiraCloudSimulator.APP_KEY;

	private final ObjectNode root;

	private final Set<String> denied = ConcurrentHashMap.newKeySet();

	/** The accounts holding "Administer Jira"; seeded: Alice and Carol, not Bob. */
	private final Set<String> administrators = ConcurrentHashMap.newKeySet();

	private final AtomicLong ids = new AtomicLong(20_000);

	private SiteData(ObjectNode root) {
		this.root = root;
		users().stream()
			.filter(user -> user.path("displayName").asText().matches("(Alice|Carol) .*"))
			.forEach(user -> this.administrators.add(user.path("accountId").asText()));
	}

	static SiteData seeded() {
		try (InputStream in = SiteData.class.getResourceAsStream("/jira-simulator/seed-site.json")) {
			return new SiteData((ObjectNode) json.readTree(in));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	// ---- users and permissions
	// --------------------------------------------------------------------------------

	public List<JsonNode> users() {
		return list("users");
	}

	public Optional<JsonNode> user(String accountId) {
		return find("users", "accountId", accountId);
	}

	/**
	 * Adds an active user, e.g. a second person whose name starts like a seeded one's.
	 * @return the new user's account id
	 */
	public String addUser(String displayName) {
		String accountId = "5b10" + java.util.UUID.randomUUID().toString().replace("-", "").substring(0, 20);
		((ArrayNode) this.root.get("users")).addObject()
			.put("accountId", accountId)
			.put("displayName", displayName)
			.put("active", true)
			.put("accountType", "atlassian")
			.put("timeZone", "UTC");
		return accountId;
	}

	/**
	 * Sets a user's time zone, as they would in their Jira profile ({@code myself}
	 * answers it, and JQL dates are read in it).
	 * @throws IllegalArgumentException when there is no such user
	 */
	public void timeZone(String accountId, java.time.ZoneId zone) {
		ObjectNode user = (ObjectNode) user(accountId)
			.orElseThrow(() -> new IllegalArgumentException("No user '%s'".formatted(accountId)));
		user.put("timeZone", zone.getId());
	}

	// ---- activity (what Jira's updatedBy() reads)
	// -----------------------------------------------------------

	/** Who changed an issue when: a comment, a transition or an edit. */
	record Activity(String accountId, Instant at) {
	}

	private final Map<String, List<Activity>> activity = new ConcurrentHashMap<>();

	/**
	 * Records that a user changed an issue at an instant (the simulator records its own
	 * writes; tests seed earlier activity with this).
	 */
	public void recordActivity(String issueKey, String accountId, Instant at) {
		this.activity.computeIfAbsent(issueKey, key -> new java.util.concurrent.CopyOnWriteArrayList<>())
			.add(new Activity("app".equals(accountId) ? APP_ACCOUNT_ID : accountId, at));
	}

	/** The recorded changes of an issue. */
	List<Activity> activity(String issueKey) {
		return this.activity.getOrDefault(issueKey, List.of());
	}

	/**
	 * Denies a project permission to a user; the app (Connect JWT) always has every
	 * permission.
	 * @param permission one of {@link #PERMISSIONS}
	 * @throws IllegalArgumentException when the permission or the project is unknown
	 */
	public void deny(String accountId, String permission, String projectKey) {
		if (!PERMISSIONS.contains(permission)) {
			throw new IllegalArgumentException(
					"Unknown permission '%s', expected one of %s".formatted(permission, PERMISSIONS));
		}
		String key = project(projectKey).map(project -> project.path("key").asText())
			.orElseThrow(() -> new IllegalArgumentException("No project '%s'".formatted(projectKey)));
		this.denied.add(accountId + "|" + permission + "|" + key);
	}

	/**
	 * Gives or takes a user's "Administer Jira" global permission.
	 */
	public void administer(String accountId, boolean administrator) {
		if (administrator) {
			this.administrators.add(accountId);
		}
		else {
			this.administrators.remove(accountId);
		}
	}

	/** Whether a caller ({@code app} or an account id) holds "Administer Jira". */
	public boolean administers(String caller) {
		return "app".equals(caller) || APP_ACCOUNT_ID.equals(caller) || this.administrators.contains(caller);
	}

	/** Gives back a denied permission. */
	public void allow(String accountId, String permission, String projectKey) {
		this.denied.remove(accountId + "|" + permission + "|" + projectKey);
	}

	/**
	 * Whether a caller ({@code app} or an account id) holds a permission in a project.
	 */
	public boolean allowed(String caller, String permission, String projectKey) {
		if ("app".equals(caller) || APP_ACCOUNT_ID.equals(caller)) {
			return true;
		}
		return !this.denied.contains(caller + "|" + permission + "|" + projectKey);
	}

	/** Whether the caller may see the issue: Browse projects in its project. */
	public boolean canBrowse(String caller, JsonNode issue) {
		return allowed(caller, "BROWSE_PROJECTS", issue.path("project").asText());
	}

	// ---- projects and configuration
	// ---------------------------------------------------------------------------

	public List<JsonNode> projects() {
		return list("projects");
	}

	public Optional<JsonNode> project(String keyOrId) {
		return find("projects", "key", keyOrId).or(() -> find("projects", "id", keyOrId));
	}

	/** The issue types of a project, in the project's order. */
	public List<JsonNode> issueTypes(JsonNode project) {
		List<JsonNode> types = new ArrayList<>();
		project.path("issueTypes").forEach(name -> issueType(name.asText()).ifPresent(types::add));
		return types;
	}

	public List<JsonNode> issueTypes() {
		return list("issueTypes");
	}

	/** The issue type with this name or id. */
	public Optional<JsonNode> issueType(String nameOrId) {
		return find("issueTypes", "name", nameOrId).or(() -> find("issueTypes", "id", nameOrId));
	}

	public List<JsonNode> statuses() {
		return list("statuses");
	}

	/** The status with this name (case-insensitive, as in JQL) or id. */
	public Optional<JsonNode> status(String nameOrId) {
		return list("statuses").stream()
			.filter(status -> status.path("name").asText().equalsIgnoreCase(nameOrId)
					|| status.path("id").asText().equals(nameOrId))
			.findFirst();
	}

	public List<JsonNode> statusCategories() {
		return list("statusCategories");
	}

	/**
	 * The status category with this key ({@code new}, {@code indeterminate},
	 * {@code done}), name or id.
	 */
	public Optional<JsonNode> statusCategory(String keyNameOrId) {
		return list("statusCategories").stream()
			.filter(category -> category.path("key").asText().equalsIgnoreCase(keyNameOrId)
					|| category.path("name").asText().equalsIgnoreCase(keyNameOrId)
					|| category.path("id").asText().equals(keyNameOrId))
			.findFirst();
	}

	public List<JsonNode> priorities() {
		return list("priorities");
	}

	/** The priority with this name or id. */
	public Optional<JsonNode> priority(String nameOrId) {
		return list("priorities").stream()
			.filter(priority -> priority.path("name").asText().equalsIgnoreCase(nameOrId)
					|| priority.path("id").asText().equals(nameOrId))
			.findFirst();
	}

	public List<JsonNode> resolutions() {
		return list("resolutions");
	}

	/** The resolution with this name or id. */
	public Optional<JsonNode> resolution(String nameOrId) {
		return list("resolutions").stream()
			.filter(resolution -> resolution.path("name").asText().equalsIgnoreCase(nameOrId)
					|| resolution.path("id").asText().equals(nameOrId))
			.findFirst();
	}

	public List<JsonNode> linkTypes() {
		return list("linkTypes");
	}

	public Optional<JsonNode> linkType(String name) {
		return find("linkTypes", "name", name);
	}

	/** The system and custom fields of the site. */
	public List<JsonNode> fields() {
		return list("fields");
	}

	public Optional<JsonNode> field(String id) {
		return find("fields", "id", id);
	}

	/**
	 * The fields of the create screen of an issue type in a project: each an object with
	 * {@code fieldId}, {@code required} and optionally {@code default}.
	 */
	public List<JsonNode> createScreen(JsonNode project, JsonNode issueType) {
		List<JsonNode> screen = new ArrayList<>();
		this.root.path("createScreens").path("common").forEach(screen::add);
		String projectKey = project.path("key").asText();
		String typeName = issueType.path("name").asText();
		for (JsonNode addition : this.root.path("createScreens").path("additions")) {
			String forProject = addition.path("project").asText();
			boolean projectMatches = forProject.equals("*") || forProject.equals(projectKey);
			if (projectMatches && texts(addition.path("issueTypes")).contains(typeName)) {
				addition.path("fields").forEach(screen::add);
			}
		}
		return screen;
	}

	/**
	 * The fields an edit may set beyond the create screen's (Jira Software's
	 * {@code Flagged} is on edit screens only).
	 */
	public List<JsonNode> editOnlyScreen() {
		List<JsonNode> screen = new ArrayList<>();
		this.root.path("editScreens").path("common").forEach(screen::add);
		return screen;
	}

	public List<JsonNode> workflow() {
		return list("workflow");
	}

	// ---- issues
	// -----------------------------------------------------------------------------------------------

	public List<ObjectNode> issues() {
		return list("issues").stream().map(ObjectNode.class::cast).toList();
	}

	/** The issue with this key or id, mutable. */
	public Optional<ObjectNode> issue(String keyOrId) {
		return issues().stream()
			.filter(issue -> issue.path("key").asText().equals(keyOrId) || issue.path("id").asText().equals(keyOrId))
			.findFirst();
	}

	/** The issues whose parent is this issue. */
	public List<ObjectNode> children(JsonNode issue) {
		String key = issue.path("key").asText();
		return issues().stream().filter(child -> child.path("parent").asText("").equals(key)).toList();
	}

	/**
	 * Jira's search index lags recent writes (Atlassian documents that {@code search/jql}
	 * may not show them yet): new issues join search results only after this lag.
	 */
	private volatile Duration indexLag = Duration.ZERO;

	/** While held, no new issue joins search results, however long the test waits. */
	private volatile boolean indexHeld;

	private final Map<String, Instant> searchableFrom = new ConcurrentHashMap<>();

	void lagIndex(Duration lag) {
		this.indexLag = lag;
	}

	void holdIndex(boolean held) {
		this.indexHeld = held;
		if (!held) {
			this.searchableFrom.replaceAll((key, from) -> Instant.now());
		}
	}

	/** A new issue: searchable once the index caught up. */
	void indexLater(String issueKey) {
		this.searchableFrom.put(issueKey, this.indexHeld ? Instant.MAX : Instant.now().plus(this.indexLag));
	}

	/** Whether search shows this issue yet. */
	boolean searchable(JsonNode issue) {
		Instant from = this.searchableFrom.get(issue.path("key").asText());
		return from == null || !Instant.now().isBefore(from);
	}

	ArrayNode issuesArray() {
		return (ArrayNode) this.root.get("issues");
	}

	/**
	 * The next free key of a project, as Jira numbers issues: one above the highest
	 * number ever used.
	 */
	String nextIssueKey(String projectKey) {
		int highest = issues().stream()
			.map(issue -> issue.path("key").asText())
			.filter(key -> key.startsWith(projectKey + "-"))
			.mapToInt(key -> Integer.parseInt(key.substring(projectKey.length() + 1)))
			.max()
			.orElse(0);
		return projectKey + "-" + (highest + 1);
	}

	/** A new numeric id for an issue, comment or link. */
	String nextId() {
		long highestIssue = issues().stream()
			.map(issue -> issue.path("id").asText())
			.mapToLong(Long::parseLong)
			.max()
			.orElse(0);
		return String.valueOf(this.ids.updateAndGet(current -> Math.max(current, highestIssue) + 1));
	}

	/** Now, in Jira's wire format. */
	static String now() {
		return OffsetDateTime.now(ZoneOffset.UTC).format(JIRA_DATE_TIME);
	}

	/** Parses a date-time in Jira's wire format. */
	static OffsetDateTime parseDateTime(String value) {
		return OffsetDateTime.parse(value, JIRA_DATE_TIME);
	}

	/** Orders issue keys as Jira does: by project key, then by number. */
	static final Comparator<String> KEY_ORDER = Comparator
		.<String, String>comparing(key -> key.substring(0, key.lastIndexOf('-')))
		.thenComparingInt(key -> Integer.parseInt(key.substring(key.lastIndexOf('-') + 1)));

	private List<JsonNode> list(String name) {
		return StreamSupport.stream(this.root.path(name).spliterator(), false).toList();
	}

	private Optional<JsonNode> find(String list, String field, String value) {
		return list(list).stream().filter(node -> node.path(field).asText().equals(value)).findFirst();
	}

	static List<String> texts(JsonNode array) {
		List<String> texts = new ArrayList<>();
		array.forEach(node -> texts.add(node.asText()));
		return texts;
	}

}

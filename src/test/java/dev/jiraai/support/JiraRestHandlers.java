package dev.jiraai.support;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The REST v3 endpoints of a simulated site, answering in Jira Cloud's wire format from
 * {@link SiteData}, with Jira's permission semantics: an issue the caller may not browse
 * does not exist for them (404, and left out of searches), a write they may not make is
 * refused. An endpoint the simulator does not know answers 501 and is reported as a test
 * failure, so a missing handler is never mistaken for a Jira answer.
 */
final class JiraRestHandlers {

	private static final String NO_ISSUE = "Issue does not exist or you do not have permission to see it.";

	/**
	 * What Jira Cloud answers since the JQL search endpoints were removed (CHANGE-2046).
	 */
	static final String SEARCH_REMOVED = "The requested API has been removed. Please migrate to the "
			+ "/rest/api/3/search/jql API. A full migration guideline is available at "
			+ "https://developer.atlassian.com/changelog/#CHANGE-2046";

	private static final String ISSUE = "/rest/api/3/issue/([^/]+)";

	private final SiteData data;

	private final SiteJson wire;

	private final IssueFields issueFields;

	private final List<Route> routes = new ArrayList<>();

	JiraRestHandlers(SiteData data, Supplier<String> baseUrl) {
		this.data = data;
		this.wire = new SiteJson(data, baseUrl);
		this.issueFields = new IssueFields(data);
		route("GET", "/rest/api/3/myself", this::myself);
		route("GET", "/rest/api/3/mypermissions", this::myPermissions);
		route("GET", "/rest/api/3/user/search", this::userSearch);
		route("GET", "/rest/api/3/users/search", this::allUsers);
		route("GET", "/rest/api/3/user/assignable/search", this::assignableUsers);
		route("GET", "/rest/api/3/project/search", this::projectSearch);
		route("GET", "/rest/api/3/project/([^/]+)/statuses", this::projectStatuses);
		route("GET", "/rest/api/3/issuetype", this::issueTypes);
		route("GET", "/rest/api/3/issuetype/project", this::projectIssueTypes);
		route("GET", "/rest/api/3/priority/search", this::prioritySearch);
		route("GET", "/rest/api/3/status", this::statuses);
		route("GET", "/rest/api/3/field", this::fields);
		route("POST", "/rest/api/3/search/jql", this::search);
		route("GET", "/rest/api/3/search/jql", this::search);
		route("POST", "/rest/api/3/search", this::removedSearch);
		route("GET", "/rest/api/3/search", this::removedSearch);
		route("GET", "/rest/api/3/issue/createmeta/([^/]+)/issuetypes", this::createMetaIssueTypes);
		route("GET", "/rest/api/3/issue/createmeta/([^/]+)/issuetypes/([^/]+)", this::createMetaFields);
		route("POST", "/rest/api/3/issue", this::createIssue);
		route("GET", ISSUE, this::getIssue);
		route("PUT", ISSUE, this::editIssue);
		route("GET", ISSUE + "/transitions", this::transitions);
		route("POST", ISSUE + "/transitions", this::transition);
		route("GET", ISSUE + "/comment", this::comments);
		route("POST", ISSUE + "/comment", this::addComment);
		route("GET", ISSUE + "/properties", this::propertyKeys);
		route("GET", ISSUE + "/properties/([^/]+)", this::getProperty);
		route("PUT", ISSUE + "/properties/([^/]+)", this::setProperty);
	}

	/**
	 * A response of the simulated site.
	 *
	 * @param violation a test failure to record along with the answer (the app called
	 * something it must not, or something the simulator cannot answer faithfully), or
	 * {@code null}
	 * @param checkedAgainstSpec whether the answer is validated against the spec; off
	 * only for the few answers Jira gives with a status its spec does not list (the 410
	 * of removed endpoints, the 403 of a refused comment), whose bodies are still checked
	 * to be an ErrorCollection
	 */
	record SimResponse(int status, JsonNode body, Map<String, String> headers, String violation,
			boolean checkedAgainstSpec) {

		SimResponse(int status, JsonNode body, Map<String, String> headers) {
			this(status, body, headers, null, true);
		}

		static SimResponse ok(JsonNode body) {
			return new SimResponse(200, body, Map.of());
		}

		static SimResponse created(JsonNode body) {
			return new SimResponse(201, body, Map.of());
		}

		static SimResponse noContent() {
			return new SimResponse(204, null, Map.of());
		}

		static SimResponse error(int status, String message) {
			ObjectNode body = SiteData.json.createObjectNode();
			body.putArray("errorMessages").add(message);
			body.putObject("errors");
			return new SimResponse(status, body, Map.of());
		}

		static SimResponse rejected(IssueFields.Rejection rejection) {
			return new SimResponse(rejection.status(), rejection.body(), Map.of());
		}

		SimResponse withViolation(String violation) {
			return new SimResponse(this.status, this.body, this.headers, violation, this.checkedAgainstSpec);
		}

		SimResponse outsideSpec() {
			return new SimResponse(this.status, this.body, this.headers, this.violation, false);
		}

	}

	/** A request as a handler sees it. */
	record Call(String method, String path, Matcher match, Map<String, List<String>> query, JsonNode body,
			String caller) {

		String param(String name) {
			List<String> values = this.query.get(name);
			return (values == null || values.isEmpty()) ? null : values.get(0);
		}

		/** All values of a parameter, comma-separated values split. */
		List<String> params(String name) {
			List<String> values = new ArrayList<>();
			this.query.getOrDefault(name, List.of()).forEach(value -> List.of(value.split(",")).forEach(v -> {
				if (!v.isBlank()) {
					values.add(v.trim());
				}
			}));
			return values;
		}

		int intParam(String name, int defaultValue) {
			String value = param(name);
			return (value == null || value.isBlank()) ? defaultValue : Integer.parseInt(value.trim());
		}

		boolean asApp() {
			return "app".equals(this.caller);
		}

	}

	private record Route(String method, Pattern path, Function<Call, SimResponse> handler) {
	}

	private void route(String method, String pathRegex, Function<Call, SimResponse> handler) {
		this.routes.add(new Route(method, Pattern.compile(pathRegex), handler));
	}

	/** Answers one request; synchronized because the site's data is one mutable tree. */
	synchronized SimResponse handle(String method, String path, Map<String, List<String>> query, String body,
			String caller) {
		for (Route route : this.routes) {
			Matcher match = route.path().matcher(path);
			if (route.method().equals(method) && match.matches()) {
				JsonNode json;
				try {
					json = (body == null || body.isBlank()) ? SiteData.json.missingNode()
							: SiteData.json.readTree(body);
				}
				catch (JsonProcessingException ex) {
					return SimResponse.error(400, "Unexpected character in JSON body: " + ex.getOriginalMessage());
				}
				return route.handler().apply(new Call(method, path, match, query, json, caller));
			}
		}
		return SimResponse.error(501, "The Jira simulator does not implement " + method + " " + path);
	}

	// ---- users
	// ------------------------------------------------------------------------------------------------

	private SimResponse myself(Call call) {
		if (call.asApp()) {
			return SimResponse.ok(this.wire.appUser());
		}
		return this.data.user(call.caller())
			.map(user -> SimResponse.ok(this.wire.user(user)))
			.orElseGet(() -> SimResponse.error(401, "Unknown user"));
	}

	/**
	 * The caller's permissions, as Jira answers {@code GET /rest/api/3/mypermissions}:
	 * {@code permissions} is required; the global {@code ADMINISTER} is held by the
	 * site's administrators ({@link SiteData#administer}) and the app; a project
	 * permission in a project when {@code projectKey} names one, otherwise when it is
	 * held anywhere.
	 */
	private SimResponse myPermissions(Call call) {
		List<String> keys = call.params("permissions");
		if (keys.isEmpty()) {
			return SimResponse.error(400, "The 'permissions' query parameter is required.");
		}
		ObjectNode permissions = SiteData.json.createObjectNode();
		for (String key : keys) {
			boolean global = SiteData.ADMINISTER.equals(key);
			if (!global && !SiteData.PERMISSIONS.contains(key)) {
				return SimResponse.error(400, "Unrecognized permission keys: " + key);
			}
			String project = call.param("projectKey");
			boolean have = global ? this.data.administers(call.caller())
					: (project != null) ? this.data.allowed(call.caller(), key, project)
							: this.data.projects()
								.stream()
								.anyMatch(p -> this.data.allowed(call.caller(), key, p.path("key").asText()));
			permissions.putObject(key)
				.put("id", String.valueOf(Math.abs(key.hashCode()) % 100))
				.put("key", key)
				.put("name", key.charAt(0) + key.substring(1).toLowerCase(java.util.Locale.ROOT).replace('_', ' '))
				.put("type", global ? "GLOBAL" : "PROJECT")
				.put("description", "Simulated permission " + key + ".")
				.put("havePermission", have);
		}
		ObjectNode answer = SiteData.json.createObjectNode();
		answer.set("permissions", permissions);
		return SimResponse.ok(answer);
	}

	/**
	 * Jira's user search: active users whose display name, or a word of it, starts with
	 * the query.
	 */
	private SimResponse userSearch(Call call) {
		String query = call.param("query");
		String accountId = call.param("accountId");
		boolean hasQuery = query != null && !query.isBlank();
		boolean hasAccountId = accountId != null && !accountId.isBlank();
		if (hasQuery == hasAccountId) {
			return SimResponse.error(400, hasQuery ? "The query parameters 'query' and 'accountId' cannot be combined."
					: "One of 'query' or 'accountId' query parameters must be provided.");
		}
		List<JsonNode> users = this.data.users()
			.stream()
			.filter(user -> user.path("active").asBoolean())
			.filter(user -> hasQuery ? nameMatches(user, query) : user.path("accountId").asText().equals(accountId))
			.toList();
		return SimResponse.ok(userPage(users, call));
	}

	/** All users, active or not, paged: what an app lists when there is no query yet. */
	private SimResponse allUsers(Call call) {
		return SimResponse.ok(userPage(this.data.users(), call));
	}

	private SimResponse assignableUsers(Call call) {
		String projectParam = call.param("project");
		String issueParam = Optional.ofNullable(call.param("issueKey")).orElse(call.param("issueId"));
		if (projectParam == null && issueParam == null) {
			return SimResponse.error(400,
					"One of 'project', 'issueKey' or 'issueId' query parameters must be provided.");
		}
		String query = call.param("query");
		String accountId = call.param("accountId");
		if (query != null && !query.isBlank() && accountId != null && !accountId.isBlank()) {
			return SimResponse.error(400, "The query parameters 'query' and 'accountId' cannot be combined.");
		}
		Optional<JsonNode> project;
		if (issueParam != null) {
			Optional<ObjectNode> issue = visibleIssue(issueParam, call.caller());
			if (issue.isEmpty()) {
				return SimResponse.error(404, NO_ISSUE);
			}
			project = this.data.project(issue.get().path("project").asText());
		}
		else {
			project = visibleProject(projectParam, call.caller());
		}
		if (project.isEmpty()) {
			return SimResponse.error(404, "No project could be found with key '%s'.".formatted(projectParam));
		}
		String projectKey = project.get().path("key").asText();
		List<JsonNode> users = this.data.users()
			.stream()
			.filter(user -> user.path("active").asBoolean())
			.filter(user -> this.data.allowed(user.path("accountId").asText(), "ASSIGNABLE_USER", projectKey))
			.filter(user -> query == null || query.isBlank() || nameMatches(user, query))
			.filter(user -> accountId == null || accountId.isBlank()
					|| user.path("accountId").asText().equals(accountId))
			.toList();
		return SimResponse.ok(userPage(users, call));
	}

	private static boolean nameMatches(JsonNode user, String query) {
		String name = user.path("displayName").asText().toLowerCase(Locale.ROOT);
		String wanted = query.trim().toLowerCase(Locale.ROOT);
		if (name.startsWith(wanted)) {
			return true;
		}
		for (String word : name.split("\\s+")) {
			if (word.startsWith(wanted)) {
				return true;
			}
		}
		return false;
	}

	private ArrayNode userPage(List<JsonNode> users, Call call) {
		int startAt = Math.max(0, call.intParam("startAt", 0));
		int maxResults = Math.max(0, Math.min(1000, call.intParam("maxResults", 50)));
		ArrayNode page = SiteData.json.createArrayNode();
		users.stream().skip(startAt).limit(maxResults).forEach(user -> page.add(this.wire.user(user)));
		return page;
	}

	// ---- projects and metadata
	// --------------------------------------------------------------------------------

	private Optional<JsonNode> visibleProject(String keyOrId, String caller) {
		return this.data.project(keyOrId)
			.filter(project -> this.data.allowed(caller, "BROWSE_PROJECTS", project.path("key").asText()));
	}

	private SimResponse projectSearch(Call call) {
		String query = Optional.ofNullable(call.param("query")).orElse("").toLowerCase(Locale.ROOT);
		List<String> keys = call.params("keys");
		List<JsonNode> projects = this.data.projects()
			.stream()
			.filter(project -> this.data.allowed(call.caller(), "BROWSE_PROJECTS", project.path("key").asText()))
			.filter(project -> project.path("key").asText().toLowerCase(Locale.ROOT).contains(query)
					|| project.path("name").asText().toLowerCase(Locale.ROOT).contains(query))
			.filter(project -> keys.isEmpty() || keys.contains(project.path("key").asText()))
			.sorted(Comparator.comparing(project -> project.path("key").asText()))
			.toList();
		int maxResults = Math.max(1, Math.min(100, call.intParam("maxResults", 50)));
		return SimResponse.ok(pageBean("/rest/api/3/project/search", call, projects, maxResults, this.wire::project));
	}

	/**
	 * A PageBean: {@code self}, {@code nextPage} unless last, {@code startAt},
	 * {@code maxResults}, {@code total}.
	 */
	private ObjectNode pageBean(String path, Call call, List<JsonNode> all, int maxResults,
			Function<JsonNode, ObjectNode> render) {
		int startAt = Math.max(0, call.intParam("startAt", 0));
		ObjectNode page = SiteData.json.createObjectNode();
		page.put("self", this.wire.url(path + "?startAt=" + startAt + "&maxResults=" + maxResults));
		boolean last = startAt + maxResults >= all.size();
		if (!last) {
			page.put("nextPage",
					this.wire.url(path + "?startAt=" + (startAt + maxResults) + "&maxResults=" + maxResults));
		}
		page.put("maxResults", maxResults);
		page.put("startAt", startAt);
		page.put("total", all.size());
		page.put("isLast", last);
		ArrayNode values = page.putArray("values");
		all.stream().skip(startAt).limit(maxResults).forEach(item -> values.add(render.apply(item)));
		return page;
	}

	private SimResponse projectStatuses(Call call) {
		Optional<JsonNode> project = visibleProject(call.match().group(1), call.caller());
		if (project.isEmpty()) {
			return SimResponse.error(404, "No project could be found with key '%s'.".formatted(call.match().group(1)));
		}
		ArrayNode types = SiteData.json.createArrayNode();
		for (JsonNode type : this.data.issueTypes(project.get())) {
			ObjectNode json = types.addObject();
			json.put("self", this.wire.url("/rest/api/3/issueType/" + type.path("id").asText()));
			json.put("id", type.path("id").asText());
			json.put("name", type.path("name").asText());
			json.put("subtask", type.path("subtask").asBoolean());
			ArrayNode statuses = json.putArray("statuses");
			this.data.statuses().forEach(status -> statuses.add(this.wire.status(status)));
		}
		return SimResponse.ok(types);
	}

	private SimResponse issueTypes(Call call) {
		ArrayNode types = SiteData.json.createArrayNode();
		this.data.issueTypes().forEach(type -> types.add(this.wire.issueType(type)));
		return SimResponse.ok(types);
	}

	private SimResponse projectIssueTypes(Call call) {
		Optional<JsonNode> project = this.data.project(Optional.ofNullable(call.param("projectId")).orElse(""))
			.filter(p -> p.path("id").asText().equals(call.param("projectId")))
			.filter(p -> this.data.allowed(call.caller(), "BROWSE_PROJECTS", p.path("key").asText()));
		if (project.isEmpty()) {
			return SimResponse.error(404, "No project could be found with id '%s'.".formatted(call.param("projectId")));
		}
		String level = call.param("level");
		ArrayNode types = SiteData.json.createArrayNode();
		this.data.issueTypes(project.get())
			.stream()
			.filter(type -> level == null || type.path("hierarchyLevel").asText().equals(level))
			.forEach(type -> types.add(this.wire.issueType(type)));
		return SimResponse.ok(types);
	}

	private SimResponse prioritySearch(Call call) {
		List<String> ids = call.params("id");
		String name = Optional.ofNullable(call.param("priorityName")).orElse("").toLowerCase(Locale.ROOT);
		boolean onlyDefault = Boolean.parseBoolean(call.param("onlyDefault"));
		List<JsonNode> priorities = this.data.priorities()
			.stream()
			.filter(priority -> ids.isEmpty() || ids.contains(priority.path("id").asText()))
			.filter(priority -> priority.path("name").asText().toLowerCase(Locale.ROOT).contains(name))
			.filter(priority -> !onlyDefault || priority.path("isDefault").asBoolean())
			.toList();
		int maxResults = Math.max(1, Math.min(100, call.intParam("maxResults", 50)));
		return SimResponse
			.ok(pageBean("/rest/api/3/priority/search", call, priorities, maxResults, this.wire::priority));
	}

	private SimResponse statuses(Call call) {
		ArrayNode statuses = SiteData.json.createArrayNode();
		this.data.statuses().forEach(status -> statuses.add(this.wire.status(status)));
		return SimResponse.ok(statuses);
	}

	private SimResponse fields(Call call) {
		ArrayNode fields = SiteData.json.createArrayNode();
		this.data.fields().forEach(field -> fields.add(this.wire.fieldDetails(field)));
		return SimResponse.ok(fields);
	}

	// ---- create metadata
	// --------------------------------------------------------------------------------------

	private SimResponse createMetaIssueTypes(Call call) {
		Optional<JsonNode> project = visibleProject(call.match().group(1), call.caller());
		if (project.isEmpty()) {
			return SimResponse.error(400, "No project could be found with key '%s'.".formatted(call.match().group(1)));
		}
		List<JsonNode> types = this.data.allowed(call.caller(), "CREATE_ISSUES", project.get().path("key").asText())
				? this.data.issueTypes(project.get()) : List.of();
		int startAt = Math.max(0, call.intParam("startAt", 0));
		int maxResults = Math.max(1, call.intParam("maxResults", 50));
		ObjectNode page = SiteData.json.createObjectNode();
		page.put("maxResults", maxResults);
		page.put("startAt", startAt);
		page.put("total", types.size());
		ArrayNode issueTypes = page.putArray("issueTypes");
		types.stream().skip(startAt).limit(maxResults).forEach(type -> issueTypes.add(this.wire.issueType(type)));
		return SimResponse.ok(page);
	}

	private SimResponse createMetaFields(Call call) {
		Optional<JsonNode> project = visibleProject(call.match().group(1), call.caller());
		if (project.isEmpty()) {
			return SimResponse.error(400, "No project could be found with key '%s'.".formatted(call.match().group(1)));
		}
		Optional<JsonNode> type = this.data.issueTypes(project.get())
			.stream()
			.filter(t -> t.path("id").asText().equals(call.match().group(2)))
			.findFirst();
		if (type.isEmpty() || !this.data.allowed(call.caller(), "CREATE_ISSUES", project.get().path("key").asText())) {
			return SimResponse.error(400, "The issue type with id '%s' does not exist or you cannot create issues of "
				.formatted(call.match().group(2)) + "this type in the project.");
		}
		List<ObjectNode> fields = new ArrayList<>();
		for (JsonNode entry : this.data.createScreen(project.get(), type.get())) {
			JsonNode field = this.data.field(entry.path("fieldId").asText()).orElseThrow();
			fields.add(this.wire.fieldMetadata(field, entry.path("required").asBoolean(), project.get(), type.get(),
					entry, true));
		}
		int startAt = Math.max(0, call.intParam("startAt", 0));
		int maxResults = Math.max(1, call.intParam("maxResults", 50));
		ObjectNode page = SiteData.json.createObjectNode();
		page.put("maxResults", maxResults);
		page.put("startAt", startAt);
		page.put("total", fields.size());
		ArrayNode values = page.putArray("fields");
		fields.stream().skip(startAt).limit(maxResults).forEach(values::add);
		return SimResponse.ok(page);
	}

	// ---- search
	// -----------------------------------------------------------------------------------------------

	private SimResponse removedSearch(Call call) {
		return SimResponse.error(410, SEARCH_REMOVED)
			.withViolation("%s %s: the app called Jira's removed search endpoint (CHANGE-2046), which answers 410; "
				.formatted(call.method(), call.path()) + "use /rest/api/3/search/jql")
			.outsideSpec();
	}

	/**
	 * The enhanced search: JQL over the issues the caller may browse, paged with an
	 * opaque token.
	 */
	private SimResponse search(Call call) {
		JsonNode request = call.method().equals("POST") ? call.body() : searchQuery(call);
		String jql = request.path("jql").asText("");
		SiteJson.FieldSelection selection = SiteJson.FieldSelection.of(SiteData.texts(request.path("fields")), "id",
				this.data);
		List<String> propertyKeys = new ArrayList<>();
		request.path("properties").forEach(key -> List.of(key.asText().split(",")).forEach(k -> {
			if (!k.isBlank()) {
				propertyKeys.add(k.trim());
			}
		}));
		// Jira returns up to 5000 issues per page when only ids are asked for, fewer with
		// fields.
		int limit = selection.idsOnly() ? 5000 : 100;
		int maxResults = Math.max(1, Math.min(limit, request.path("maxResults").asInt(50)));
		int offset;
		try {
			offset = decodePageToken(request.path("nextPageToken").asText(null));
		}
		catch (IllegalArgumentException ex) {
			return SimResponse.error(400, "The provided next page token is invalid or expired.");
		}
		Jql.Query query;
		Jql.Context context = new Jql.Context(this.data, call.caller(), zone(call.caller()), Instant.now());
		try {
			query = Jql.parse(jql);
			if (query.clauses().isEmpty()) {
				return SimResponse.error(400,
						"Unbounded JQL queries are not allowed here. Please add a search restriction to your query.");
			}
			Jql.validate(query, context);
		}
		catch (Jql.JqlError ex) {
			SimResponse refused = SimResponse.error(400, ex.getMessage());
			return ex.unsupported() ? refused.withViolation("%s %s: the simulator cannot evaluate the JQL '%s': %s"
				.formatted(call.method(), call.path(), jql, ex.getMessage())) : refused;
		}
		List<ObjectNode> matching = this.data.issues()
			.stream()
			.filter(issue -> this.data.canBrowse(call.caller(), issue))
			.filter(this.data::searchable)
			.filter(issue -> Jql.matches(query, issue, context))
			.sorted(Jql.order(query, this.data))
			.toList();
		return searchPage(matching, offset, maxResults, selection, propertyKeys, call.caller());
	}

	private SimResponse searchPage(List<ObjectNode> matching, int offset, int maxResults,
			SiteJson.FieldSelection selection, List<String> propertyKeys, String caller) {
		ObjectNode result = SiteData.json.createObjectNode();
		ArrayNode issues = result.putArray("issues");
		matching.stream().skip(offset).limit(maxResults).forEach(issue -> {
			if (selection.idsOnly() && propertyKeys.isEmpty()) {
				issues.addObject().put("id", issue.path("id").asText());
			}
			else {
				issues.add(this.wire.issue(issue, selection, propertyKeys, caller));
			}
		});
		boolean last = offset + maxResults >= matching.size();
		if (!last) {
			result.put("nextPageToken", encodePageToken(offset + maxResults));
		}
		result.put("isLast", last);
		return SimResponse.ok(result);
	}

	private static ObjectNode searchQuery(Call call) {
		ObjectNode request = SiteData.json.createObjectNode();
		Optional.ofNullable(call.param("jql")).ifPresent(jql -> request.put("jql", jql));
		Optional.ofNullable(call.param("nextPageToken")).ifPresent(token -> request.put("nextPageToken", token));
		Optional.ofNullable(call.param("maxResults"))
			.ifPresent(max -> request.put("maxResults", Integer.parseInt(max)));
		ArrayNode fields = request.putArray("fields");
		call.params("fields").forEach(fields::add);
		ArrayNode properties = request.putArray("properties");
		call.params("properties").forEach(properties::add);
		return request;
	}

	private ZoneId zone(String caller) {
		return this.data.user(caller)
			.map(user -> ZoneId.of(user.path("timeZone").asText("UTC")))
			.orElse(ZoneOffset.UTC);
	}

	static String encodePageToken(int offset) {
		return Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString(("jira-simulator-page:" + offset).getBytes(StandardCharsets.UTF_8));
	}

	static int decodePageToken(String token) {
		if (token == null || token.isEmpty()) {
			return 0;
		}
		String decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
		if (!decoded.startsWith("jira-simulator-page:")) {
			throw new IllegalArgumentException("Not a page token: " + token);
		}
		return Integer.parseInt(decoded.substring("jira-simulator-page:".length()));
	}

	// ---- issues
	// -----------------------------------------------------------------------------------------------

	/**
	 * The issue with this key or id if the caller may browse it: otherwise it does not
	 * exist for them.
	 */
	private Optional<ObjectNode> visibleIssue(String keyOrId, String caller) {
		return this.data.issue(keyOrId).filter(issue -> this.data.canBrowse(caller, issue));
	}

	private Optional<ObjectNode> issue(Call call) {
		return visibleIssue(call.match().group(1), call.caller());
	}

	private SimResponse getIssue(Call call) {
		SiteJson.FieldSelection selection = SiteJson.FieldSelection.of(call.params("fields"), "*all", this.data);
		List<String> propertyKeys = call.params("properties");
		return issue(call).map(issue -> SimResponse.ok(this.wire.issue(issue, selection, propertyKeys, call.caller())))
			.orElseGet(() -> SimResponse.error(404, NO_ISSUE));
	}

	private SimResponse createIssue(Call call) {
		IssueFields.Outcome outcome = this.issueFields.create(call.body(), call.caller());
		if (outcome.rejection() != null) {
			return SimResponse.rejected(outcome.rejection());
		}
		ObjectNode issue = outcome.issue();
		String key = this.data.nextIssueKey(issue.path("project").asText());
		String id = this.data.nextId();
		ObjectNode stored = SiteData.json.createObjectNode();
		stored.put("key", key);
		stored.put("id", id);
		stored.put("status", this.data.workflow().get(0).path("to").asText());
		stored.setAll(issue);
		String now = SiteData.now();
		stored.put("created", now);
		stored.put("updated", now);
		stored.putArray("comments");
		stored.putArray("links");
		this.data.issuesArray().add(stored);
		this.data.indexLater(key);
		ObjectNode created = SiteData.json.createObjectNode();
		created.put("id", id);
		created.put("key", key);
		created.put("self", this.wire.url("/rest/api/3/issue/" + id));
		return SimResponse.created(created);
	}

	private SimResponse editIssue(Call call) {
		Optional<ObjectNode> issue = issue(call);
		if (issue.isEmpty()) {
			return SimResponse.error(404, NO_ISSUE);
		}
		Optional<IssueFields.Rejection> rejection = this.issueFields.edit(issue.get(), call.body(), call.caller());
		if (rejection.isPresent()) {
			return SimResponse.rejected(rejection.get());
		}
		SimulatedSite.touch(issue.get());
		this.data.recordActivity(issue.get().path("key").asText(), call.caller(), Instant.now());
		if (Boolean.parseBoolean(call.param("returnIssue"))) {
			return SimResponse.ok(this.wire.issue(issue.get(), SiteJson.FieldSelection.of(List.of(), "*all", this.data),
					List.of(), call.caller()));
		}
		return SimResponse.noContent();
	}

	// ---- transitions
	// ------------------------------------------------------------------------------------------

	private SimResponse transitions(Call call) {
		Optional<ObjectNode> issue = issue(call);
		if (issue.isEmpty()) {
			return SimResponse.error(404, NO_ISSUE);
		}
		JsonNode project = this.data.project(issue.get().path("project").asText()).orElseThrow();
		JsonNode type = this.data.issueType(issue.get().path("type").asText()).orElseThrow();
		boolean withFields = Optional.ofNullable(call.param("expand")).orElse("").contains("transitions.fields");
		String only = call.param("transitionId");
		ObjectNode json = SiteData.json.createObjectNode();
		json.put("expand", "transitions");
		ArrayNode transitions = json.putArray("transitions");
		if (!this.data.allowed(call.caller(), "TRANSITION_ISSUES", project.path("key").asText())) {
			return SimResponse.ok(json);
		}
		for (JsonNode step : this.data.workflow()) {
			if (only != null && !only.equals(step.path("id").asText())) {
				continue;
			}
			ObjectNode transition = transitions.addObject();
			transition.put("id", step.path("id").asText());
			transition.put("name", step.path("name").asText());
			this.data.status(step.path("to").asText()).ifPresent(to -> transition.set("to", this.wire.status(to)));
			transition.put("hasScreen", !step.path("requiredFields").isEmpty());
			transition.put("isGlobal", true);
			transition.put("isInitial", false);
			transition.put("isAvailable", true);
			transition.put("isConditional", false);
			transition.put("looped", false);
			if (withFields) {
				ObjectNode fields = transition.putObject("fields");
				step.path("requiredFields").fields().forEachRemaining(required -> {
					JsonNode field = this.data.field(required.getKey()).orElseThrow();
					ObjectNode metadata = this.wire.fieldMetadata(field, true, project, type, null, false);
					ArrayNode allowed = metadata.putArray("allowedValues");
					required.getValue()
						.forEach(name -> this.data.resolution(name.asText())
							.ifPresent(resolution -> allowed.add(this.wire.resolution(resolution))));
					fields.set(required.getKey(), metadata);
				});
			}
		}
		return SimResponse.ok(json);
	}

	private SimResponse transition(Call call) {
		Optional<ObjectNode> issue = issue(call);
		if (issue.isEmpty()) {
			return SimResponse.error(404, NO_ISSUE);
		}
		if (!this.data.allowed(call.caller(), "TRANSITION_ISSUES", issue.get().path("project").asText())) {
			// The spec documents a refused transition as 400 ("the user does not have
			// permission to transition").
			return SimResponse.error(400, "You do not have permission to transition this issue.");
		}
		JsonNode transitionId = call.body().path("transition").path("id");
		if (transitionId.isMissingNode()) {
			return SimResponse.error(400, "Missing 'transition' identifier");
		}
		String id = transitionId.asText();
		Optional<JsonNode> step = this.data.workflow()
			.stream()
			.filter(s -> s.path("id").asText().equals(id))
			.findFirst();
		if (step.isEmpty()) {
			return SimResponse.error(400, "Transition id '%s' is not valid for this issue.".formatted(id));
		}
		JsonNode screen = step.get().path("requiredFields");
		JsonNode fields = call.body().path("fields");
		JsonNode update = call.body().path("update");
		Map<String, String> errors = new LinkedHashMap<>();
		fields.fieldNames().forEachRemaining(field -> {
			if (!screen.has(field)) {
				errors.put(field,
						"Field '%s' cannot be set. It is not on the appropriate screen, or unknown.".formatted(field));
			}
		});
		update.fieldNames().forEachRemaining(field -> {
			if (!field.equals("comment") && !screen.has(field)) {
				errors.put(field,
						"Field '%s' cannot be set. It is not on the appropriate screen, or unknown.".formatted(field));
			}
		});
		Optional<JsonNode> resolution = Optional.empty();
		if (screen.has("resolution")) {
			JsonNode wanted = fields.path("resolution");
			if (wanted.isMissingNode() || wanted.isNull()) {
				errors.put("resolution", "Resolution is required.");
			}
			else {
				List<String> allowed = SiteData.texts(screen.path("resolution"));
				resolution = Optional
					.ofNullable(wanted.has("id") ? wanted.path("id").asText() : wanted.path("name").asText(null))
					.flatMap(this.data::resolution)
					.filter(r -> allowed.contains(r.path("name").asText()));
				if (resolution.isEmpty()) {
					errors.put("resolution", "Specify a valid 'id' or 'name' for Resolution");
				}
			}
		}
		List<ObjectNode> newComments = new ArrayList<>();
		for (JsonNode operation : update.path("comment")) {
			JsonNode body = operation.path("add").path("body");
			if (!IssueFields.adfErrors(body).isEmpty()) {
				errors.put("comment", IssueFields.NOT_ADF);
			}
			else {
				newComments.add(newComment(call.caller(), body, operation.path("add")));
			}
		}
		if (!errors.isEmpty()) {
			return SimResponse.rejected(IssueFields.Rejection.fields(errors));
		}
		ObjectNode target = issue.get();
		Optional<IssueFields.Rejection> properties = this.issueFields.properties(call.body().path("properties"),
				target.with("properties"));
		if (properties.isPresent()) {
			return SimResponse.rejected(properties.get());
		}
		String to = step.get().path("to").asText();
		target.put("status", to);
		boolean done = this.data.status(to).map(s -> s.path("statusCategory").asText().equals("done")).orElse(false);
		if (resolution.isPresent()) {
			target.put("resolution", resolution.get().path("name").asText());
			target.put("resolutiondate", SiteData.now());
		}
		else if (!done) {
			target.putNull("resolution");
			target.putNull("resolutiondate");
		}
		newComments.forEach(comment -> target.withArray("comments").add(comment));
		SimulatedSite.touch(target);
		this.data.recordActivity(target.path("key").asText(), call.caller(), Instant.now());
		return SimResponse.noContent();
	}

	// ---- comments
	// ---------------------------------------------------------------------------------------------

	private SimResponse comments(Call call) {
		Optional<ObjectNode> issue = issue(call);
		if (issue.isEmpty()) {
			return SimResponse.error(404, NO_ISSUE);
		}
		int startAt = Math.max(0, call.intParam("startAt", 0));
		int maxResults = Math.max(0, Math.min(5000, call.intParam("maxResults", 100)));
		boolean withProperties = Optional.ofNullable(call.param("expand")).orElse("").contains("properties");
		List<JsonNode> all = new ArrayList<>();
		issue.get().path("comments").forEach(all::add);
		Comparator<JsonNode> byCreated = Comparator.comparing(c -> SiteData.parseDateTime(c.path("created").asText()));
		byCreated = byCreated.thenComparing(c -> Long.parseLong(c.path("id").asText()));
		all.sort("-created".equals(call.param("orderBy")) ? byCreated.reversed() : byCreated);
		ObjectNode page = SiteData.json.createObjectNode();
		page.put("startAt", startAt);
		page.put("maxResults", maxResults);
		page.put("total", all.size());
		ArrayNode comments = page.putArray("comments");
		all.stream()
			.skip(startAt)
			.limit(maxResults)
			.forEach(comment -> comments.add(this.wire.comment(issue.get(), comment, withProperties)));
		return SimResponse.ok(page);
	}

	private SimResponse addComment(Call call) {
		Optional<ObjectNode> issue = issue(call);
		if (issue.isEmpty()) {
			return SimResponse.error(404, NO_ISSUE);
		}
		if (!this.data.allowed(call.caller(), "ADD_COMMENTS", issue.get().path("project").asText())) {
			// Jira refuses a comment without Add comments permission with a 403, a status
			// the spec does not list
			// for this operation (an OpenAPI response list need not be complete).
			return SimResponse.error(403, "You do not have the permission to comment on this issue.").outsideSpec();
		}
		JsonNode body = call.body().path("body");
		List<String> problems = IssueFields.adfErrors(body);
		if (!problems.isEmpty()) {
			return SimResponse
				.rejected(new IssueFields.Rejection(400, problems, Map.of("comment", IssueFields.NOT_ADF)));
		}
		ObjectNode comment = newComment(call.caller(), body, call.body());
		issue.get().withArray("comments").add(comment);
		SimulatedSite.touch(issue.get());
		this.data.recordActivity(issue.get().path("key").asText(), call.caller(), Instant.now());
		return SimResponse.created(this.wire.comment(issue.get(), comment, comment.has("properties")));
	}

	/** A new comment by the caller, with the visibility and properties of the request. */
	private ObjectNode newComment(String caller, JsonNode body, JsonNode request) {
		ObjectNode comment = SiteData.json.createObjectNode();
		comment.put("id", this.data.nextId());
		comment.put("author", "app".equals(caller) ? SiteData.APP_ACCOUNT_ID : caller);
		String now = SiteData.now();
		comment.put("created", now);
		comment.put("updated", now);
		comment.set("body", body.deepCopy());
		if (request.path("visibility").isObject()) {
			comment.set("visibility", request.path("visibility").deepCopy());
		}
		if (request.path("properties").isArray() && !request.path("properties").isEmpty()) {
			ObjectNode properties = comment.putObject("properties");
			request.path("properties")
				.forEach(property -> properties.set(property.path("key").asText(), property.path("value").deepCopy()));
		}
		return comment;
	}

	// ---- entity properties
	// ------------------------------------------------------------------------------------

	private SimResponse propertyKeys(Call call) {
		Optional<ObjectNode> issue = issue(call);
		if (issue.isEmpty()) {
			return SimResponse.error(404, NO_ISSUE);
		}
		ObjectNode json = SiteData.json.createObjectNode();
		ArrayNode keys = json.putArray("keys");
		issue.get().path("properties").fieldNames().forEachRemaining(key -> {
			ObjectNode entry = keys.addObject();
			entry.put("self",
					this.wire.url("/rest/api/3/issue/" + issue.get().path("id").asText() + "/properties/" + key));
			entry.put("key", key);
		});
		return SimResponse.ok(json);
	}

	private SimResponse getProperty(Call call) {
		Optional<ObjectNode> issue = issue(call);
		if (issue.isEmpty()) {
			return SimResponse.error(404, NO_ISSUE);
		}
		String key = call.match().group(2);
		JsonNode value = issue.get().path("properties").get(key);
		if (value == null) {
			return SimResponse.error(404, "The property with key '%s' does not exist.".formatted(key));
		}
		ObjectNode json = SiteData.json.createObjectNode();
		json.put("key", key);
		json.set("value", value.deepCopy());
		return SimResponse.ok(json);
	}

	private SimResponse setProperty(Call call) {
		Optional<ObjectNode> issue = issue(call);
		if (issue.isEmpty()) {
			return SimResponse.error(404, NO_ISSUE);
		}
		if (!this.data.allowed(call.caller(), "EDIT_ISSUES", issue.get().path("project").asText())) {
			return SimResponse.error(403, "You do not have permission to edit this issue.");
		}
		String key = call.match().group(2);
		if (key.length() > 255) {
			return SimResponse.error(400, "The property key cannot be longer than 255 characters.");
		}
		if (call.body().isMissingNode() || call.body().isNull()) {
			return SimResponse.error(400, "The property value cannot be empty.");
		}
		if (call.body().toString().length() > 32_768) {
			return SimResponse.error(400, "The property value cannot be longer than 32768 characters.");
		}
		boolean existed = issue.get().path("properties").has(key);
		issue.get().with("properties").set(key, call.body().deepCopy());
		// Jira answers an empty body: the spec declares application/json with an empty
		// (any) schema.
		return new SimResponse(existed ? 200 : 201, null, Map.of());
	}

}

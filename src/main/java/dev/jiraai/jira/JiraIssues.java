package dev.jiraai.jira;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jiraai.jira.adf.MarkdownToAdf;
import dev.jiraai.jira.payload.CreateField;
import dev.jiraai.jira.payload.CreatedIssue;
import dev.jiraai.jira.payload.IssueEdit;
import dev.jiraai.jira.payload.IssueLink;
import dev.jiraai.jira.payload.IssueRef;
import dev.jiraai.jira.payload.IssueSummary;
import dev.jiraai.jira.payload.IssueVersion;
import dev.jiraai.jira.payload.IssueType;
import dev.jiraai.jira.payload.JiraComment;
import dev.jiraai.jira.payload.JiraIssue;
import dev.jiraai.jira.payload.NewIssue;
import dev.jiraai.tenancy.Site;
import dev.jiraai.tenancy.SiteUser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Service;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Issues: read one with its context, create, edit, and read or write issue entity
 * properties.
 * <p>
 * Identity per operation: {@link #get} as the given identity (the user when the issue is
 * shown to them, so a user who may not see it gets {@link JiraException.NotFound}; the
 * app for background work); {@link #create} and {@link #edit} always as the user, so
 * Jira's permissions decide; properties as the given identity. Nothing here is cached:
 * issues change.
 * <p>
 * A create is validated against the project's create metadata before it is sent
 * ({@link IssueNotCreatable} names what is missing or not allowed), and is stamped with
 * the caller's request id (issue property {@value #REQUEST_PROPERTY}); an edit likewise
 * (property {@value #WRITE_PROPERTY}). When the answer is lost, the write is looked for
 * by that id, never sent again: a create through search, which lags recent writes, so
 * with growing waits up to {@code jira-ai.jira.write-lookup-wait}; an edit by reading the
 * property back, which is consistent. Not found in time is
 * {@link JiraException.OutcomeUnknown}, which names where the user can check.
 */
@Service
public class JiraIssues {

	private static final Logger logger = LoggerFactory.getLogger(JiraIssues.class);

	/**
	 * The issue property that carries the app's request id of a create, indexed for JQL
	 * in the descriptor.
	 */
	public static final String REQUEST_PROPERTY = "com.jiraai.request";

	/** The issue property that carries the request id of the app's latest edit. */
	public static final String WRITE_PROPERTY = "com.jiraai.write";

	private static final String ISSUE = "/rest/api/3/issue/{issueIdOrKey}";

	private static final String CREATE = "/rest/api/3/issue";

	private static final String PROPERTY = "/rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}";

	private static final String ISSUE_FIELDS = String.join(",", "summary", "description", "issuetype", "status",
			"priority", "labels", "components", "assignee", "reporter", "created", "updated", "parent", "subtasks",
			"issuelinks", "comment", "project");

	/** Fields every create sets itself, whatever the screen says. */
	private static final List<String> ALWAYS_SET = List.of("project", "issuetype", "summary");

	private static final Duration FIRST_LOOKUP_DELAY = Duration.ofMillis(250);

	private final JiraHttp http;

	private final Duration lookupWait;

	private final JiraMetadata metadata;

	private final JiraSearch search;

	private final MarkdownToAdf markdownToAdf = new MarkdownToAdf();

	JiraIssues(JiraHttp http, JiraMetadata metadata, JiraSearch search, JiraProperties properties) {
		this.http = http;
		this.lookupWait = properties.writeLookupWait();
		this.metadata = metadata;
		this.search = search;
	}

	/**
	 * An issue with its context: description, people, parent, subtasks, links and
	 * comments.
	 * @throws JiraException.NotFound when it does not exist or the identity may not see
	 * it
	 */
	public JiraIssue get(JiraIdentity who, IssueKey issueKey) {
		return issue(who, issueKey);
	}

	/**
	 * Only the issue's id and {@code updated}: what answers whether something stored
	 * about it still applies, and (being read as the user) whether the user may still see
	 * it, at a fraction of the full read.
	 * @throws JiraException.NotFound when it does not exist or the identity may not see
	 * it
	 */
	public IssueVersion version(JiraIdentity who, IssueKey issueKey) {
		JsonNode issue = this.http.get("get issue version", who,
				JiraHttp.uri(ISSUE, Map.of("fields", "updated"), issueKey.value()));
		return new IssueVersion(JiraJson.text(issue, "id"), JiraJson.text(issue, "key"),
				JiraJson.time(issue.path("fields").path("updated")));
	}

	private JiraIssue issue(JiraIdentity who, IssueKey issueKey) {
		JsonNode issue = this.http.get("get issue", who,
				JiraHttp.uri(ISSUE, Map.of("fields", ISSUE_FIELDS), issueKey.value()));
		JsonNode fields = issue.path("fields");
		List<IssueRef> subtasks = new ArrayList<>();
		fields.path("subtasks").forEach(subtask -> subtasks.add(JiraJson.issueRef(subtask)));
		List<IssueLink> links = new ArrayList<>();
		fields.path("issuelinks").forEach(link -> {
			JsonNode type = link.path("type");
			if (link.has("inwardIssue")) {
				links.add(new IssueLink(JiraJson.text(type, "name"), JiraJson.text(type, "inward"),
						JiraJson.issueRef(link.path("inwardIssue"))));
			}
			else if (link.has("outwardIssue")) {
				links.add(new IssueLink(JiraJson.text(type, "name"), JiraJson.text(type, "outward"),
						JiraJson.issueRef(link.path("outwardIssue"))));
			}
		});
		List<JiraComment> comments = new ArrayList<>();
		fields.path("comment").path("comments").forEach(comment -> comments.add(JiraJson.comment(comment)));
		JsonNode description = fields.path("description");
		return new JiraIssue(JiraJson.text(issue, "id"), JiraJson.text(issue, "key"),
				JiraJson.text(fields.path("project"), "key"), JiraJson.text(fields, "summary"),
				description.isNull() || description.isMissingNode() ? null : description,
				JiraJson.markdown(description), JiraJson.issueType(fields.path("issuetype")),
				JiraJson.status(fields.path("status")), JiraJson.priority(fields.path("priority")),
				JiraJson.texts(fields.path("labels")), JiraJson.texts(fields.path("components")),
				JiraJson.user(fields.path("assignee")), JiraJson.user(fields.path("reporter")),
				JiraJson.time(fields.path("created")), JiraJson.time(fields.path("updated")),
				JiraJson.issueRef(fields.path("parent")), List.copyOf(subtasks), List.copyOf(links),
				List.copyOf(comments));
	}

	/**
	 * Creates an issue as the user, once, with a new request id (a one-off write; writes
	 * that may be retried pass their own stable id).
	 * @see #create(SiteUser, NewIssue, String)
	 */
	public CreatedIssue create(SiteUser user, NewIssue issue) {
		return create(user, issue, UUID.randomUUID().toString());
	}

	/**
	 * Creates an issue as the user, once: when a create with this request id was already
	 * made, or its answer is lost, the issue is looked for instead of created again.
	 * @param requestId stable for the write, e.g. derived from a proposal
	 * @throws IssueNotCreatable when the project's create screen would refuse it (nothing
	 * is sent)
	 * @throws JiraException.OutcomeUnknown when the answer was lost and the issue was not
	 * found in time
	 * @throws JiraException when Jira refuses it or cannot be reached
	 */
	public CreatedIssue create(SiteUser user, NewIssue issue, String requestId) {
		JiraIdentity who = JiraIdentity.of(user);
		Map<String, Object> fields = validatedFields(who, issue);
		Map<String, Object> body = Map.of("fields", fields, "properties",
				List.of(Map.of("key", REQUEST_PROPERTY, "value", Map.of("requestId", requestId))));
		try {
			JsonNode created = this.http.send("create issue", who, HttpMethod.POST, JiraHttp.uri(CREATE), body, false);
			return created(user, JiraJson.text(created, "id"), JiraJson.text(created, "key"));
		}
		catch (JiraHttp.AmbiguousFailure ex) {
			Optional<IssueSummary> existing = awaitCreated(who, requestId);
			if (existing.isEmpty()) {
				logger.warn("Create of an issue in {} lost its answer and is not found yet (request {})",
						issue.projectKey(), requestId);
				throw ex.unresolved(searchUrl(user.site(), requestId));
			}
			logger.info("Create of an issue in {} lost its answer; found it as {} by its request id",
					issue.projectKey(), existing.get().key());
			return created(user, existing.get().id(), existing.get().key());
		}
	}

	/**
	 * The issue a create with this request id made, if search shows it now (one look, as
	 * the given identity; the index may still lag).
	 */
	public Optional<CreatedIssue> findCreated(JiraIdentity who, String requestId) {
		return findByRequestId(who, requestId)
			.map(found -> new CreatedIssue(found.id(), found.key(), who.site().browseUrl(found.key())));
	}

	/**
	 * Where a person finds the issue a create with this request id made, once indexed.
	 */
	public static URI searchUrl(Site site, String requestId) {
		return UriComponentsBuilder.fromUri(site.displayUrl())
			.path("/issues/")
			.queryParam("jql", requestJql(requestId))
			.encode()
			.build()
			.toUri();
	}

	private CreatedIssue created(SiteUser user, String id, String key) {
		return new CreatedIssue(id, key, user.site().browseUrl(key));
	}

	/**
	 * Looks for the issue a create stamped with this request id, giving Jira's index time
	 * to catch up: waits that double from a quarter second, in all at most the configured
	 * lookup wait.
	 */
	private Optional<IssueSummary> awaitCreated(JiraIdentity who, String requestId) {
		long deadline = System.nanoTime() + this.lookupWait.toNanos();
		Duration delay = FIRST_LOOKUP_DELAY;
		while (true) {
			Optional<IssueSummary> found = findByRequestId(who, requestId);
			long left = deadline - System.nanoTime();
			if (found.isPresent() || left <= 0) {
				return found;
			}
			sleep(Duration.ofNanos(Math.min(delay.toNanos(), left)));
			delay = delay.multipliedBy(2);
		}
	}

	private Optional<IssueSummary> findByRequestId(JiraIdentity who, String requestId) {
		List<IssueSummary> found = this.search.search(who, requestJql(requestId), 1, null).issues();
		return found.stream().findFirst();
	}

	private static String requestJql(String requestId) {
		return "issue.property[%s].requestId = %s".formatted(REQUEST_PROPERTY, JiraSearch.quote(requestId));
	}

	/**
	 * What the project's create screen would refuse in this issue, without sending
	 * anything: an empty list means it can be created (Jira may still refuse it for
	 * reasons the metadata does not show).
	 */
	public List<IssueNotCreatable.Problem> problems(SiteUser user, NewIssue issue) {
		try {
			validatedFields(JiraIdentity.of(user), issue);
			return List.of();
		}
		catch (IssueNotCreatable ex) {
			return ex.problems();
		}
	}

	/** Checks the issue against the create metadata and builds Jira's {@code fields}. */
	private Map<String, Object> validatedFields(JiraIdentity who, NewIssue issue) {
		List<IssueNotCreatable.Problem> problems = new ArrayList<>();
		if (issue.summary() == null || issue.summary().isBlank()) {
			problems.add(new IssueNotCreatable.Problem("summary", "Summary", "is required", List.of()));
		}
		else if (issue.summary().length() > 255) {
			problems
				.add(new IssueNotCreatable.Problem("summary", "Summary", "is longer than 255 characters", List.of()));
		}
		Optional<IssueType> type = this.metadata.createIssueType(who, issue.projectKey(), issue.issueType());
		if (type.isEmpty()) {
			List<String> types = this.metadata.createIssueTypes(who, issue.projectKey())
				.stream()
				.map(IssueType::name)
				.toList();
			problems.add(new IssueNotCreatable.Problem("issuetype", "Issue Type",
					"'%s' cannot be created in this project".formatted(issue.issueType()), types));
			throw new IssueNotCreatable(issue.projectKey().value(), problems);
		}
		List<CreateField> screen = this.metadata.createFields(who, issue.projectKey(), type.get().id());
		Map<String, Object> fields = new LinkedHashMap<>();
		fields.put("project", Map.of("key", issue.projectKey().value()));
		fields.put("issuetype", Map.of("id", type.get().id()));
		fields.put("summary", issue.summary() == null ? "" : issue.summary().strip());
		if (issue.descriptionMarkdown() != null && !issue.descriptionMarkdown().isBlank()) {
			fields.put("description", this.markdownToAdf.toAdf(issue.descriptionMarkdown()));
		}
		if (issue.priority() != null) {
			fields.put("priority", resolve(screen, "priority", issue.priority(), problems));
		}
		if (!issue.labels().isEmpty()) {
			fields.put("labels", issue.labels().stream().map(label -> label.strip().replace(' ', '-')).toList());
		}
		if (!issue.components().isEmpty()) {
			fields.put("components",
					issue.components().stream().map(name -> resolve(screen, "components", name, problems)).toList());
		}
		if (issue.assigneeAccountId() != null) {
			fields.put("assignee", Map.of("accountId", issue.assigneeAccountId()));
		}
		if (issue.parentKey() != null) {
			fields.put("parent", Map.of("key", issue.parentKey().value()));
		}
		issue.otherFields().forEach((id, value) -> fields.put(id, otherField(screen, id, value, problems)));
		for (String id : fields.keySet()) {
			if (!ALWAYS_SET.contains(id) && screen.stream().noneMatch(field -> field.fieldId().equals(id))) {
				problems.add(new IssueNotCreatable.Problem(id, id,
						"is not on the create screen of %s in %s".formatted(type.get().name(), issue.projectKey()),
						List.of()));
			}
		}
		for (CreateField field : screen) {
			if (field.required() && !field.hasDefaultValue() && !fields.containsKey(field.fieldId())) {
				problems.add(new IssueNotCreatable.Problem(field.fieldId(), field.name(), "is required",
						field.allowedValues().stream().map(value -> value.name()).toList()));
			}
		}
		if (!problems.isEmpty()) {
			throw new IssueNotCreatable(issue.projectKey().value(), problems);
		}
		return fields;
	}

	/**
	 * A value of a field with allowed values, by id, as Jira wants it; a problem when it
	 * is not allowed.
	 */
	private static Object resolve(List<CreateField> screen, String fieldId, String nameOrId,
			List<IssueNotCreatable.Problem> problems) {
		Optional<CreateField> field = screen.stream().filter(f -> f.fieldId().equals(fieldId)).findFirst();
		if (field.isEmpty() || !field.get().restricted()) {
			return Map.of("name", nameOrId);
		}
		return JiraMetadata.allowed(field.get(), nameOrId)
			.<Object>map(value -> Map.of("id", value.id()))
			.orElseGet(() -> {
				problems.add(new IssueNotCreatable.Problem(fieldId, field.get().name(),
						"does not allow '%s'".formatted(nameOrId),
						field.get().allowedValues().stream().map(value -> value.name()).toList()));
				return Map.of("name", nameOrId);
			});
	}

	/** Option fields accept their value's name; everything else is passed as given. */
	private static Object otherField(List<CreateField> screen, String fieldId, Object value,
			List<IssueNotCreatable.Problem> problems) {
		Optional<CreateField> field = screen.stream().filter(f -> f.fieldId().equals(fieldId)).findFirst();
		if (value instanceof String name && field.isPresent() && "option".equals(field.get().schemaType())) {
			return resolve(screen, fieldId, name, problems);
		}
		return value;
	}

	/**
	 * Edits an issue as the user with a new request id (a one-off write).
	 * @see #edit(SiteUser, IssueKey, IssueEdit, String)
	 */
	public void edit(SiteUser user, IssueKey issueKey, IssueEdit edit) {
		edit(user, issueKey, edit, UUID.randomUUID().toString());
	}

	/**
	 * Edits an issue as the user, once: the edit carries its request id (issue property
	 * {@value #WRITE_PROPERTY}), so a lost answer is resolved by reading it back.
	 * @throws JiraException.Forbidden when the user may not edit it
	 * @throws JiraException.OutcomeUnknown when the answer was lost and Jira could not be
	 * asked whether it happened
	 */
	public void edit(SiteUser user, IssueKey issueKey, IssueEdit edit, String requestId) {
		Map<String, Object> fields = new LinkedHashMap<>();
		if (edit.summary() != null) {
			fields.put("summary", edit.summary());
		}
		if (edit.descriptionMarkdown() != null) {
			fields.put("description", this.markdownToAdf.toAdf(edit.descriptionMarkdown()));
		}
		if (edit.labels() != null) {
			fields.put("labels", edit.labels());
		}
		if (edit.priority() != null) {
			fields.put("priority", Map.of("name", edit.priority()));
		}
		fields.putAll(edit.otherFields());
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("fields", fields);
		List<Map<String, String>> labelOps = new ArrayList<>();
		edit.addLabels().forEach(label -> labelOps.add(Map.of("add", label)));
		edit.removeLabels().forEach(label -> labelOps.add(Map.of("remove", label)));
		if (!labelOps.isEmpty()) {
			body.put("update", Map.of("labels", labelOps));
		}
		body.put("properties", List.of(Map.of("key", WRITE_PROPERTY, "value", Map.of("requestId", requestId))));
		JiraIdentity who = JiraIdentity.of(user);
		try {
			this.http.send("edit issue", who, HttpMethod.PUT, JiraHttp.uri(ISSUE, issueKey.value()), body, false);
		}
		catch (JiraHttp.AmbiguousFailure ex) {
			boolean written;
			try {
				written = wasEdited(who, issueKey, requestId);
			}
			catch (JiraException unreachable) {
				throw ex.unresolved(user.site().browseUrl(issueKey.value()));
			}
			if (!written) {
				// Read back consistently: the edit did not happen. Reported rather than
				// sent
				// again, since Jira may still be processing it.
				throw ex.unresolved(user.site().browseUrl(issueKey.value()));
			}
			logger.info("Edit of {} lost its answer; its request id shows it was made", issueKey);
		}
	}

	/**
	 * Whether the latest edit or transition the app made to the issue carried this
	 * request id.
	 */
	public boolean wasEdited(JiraIdentity who, IssueKey issueKey, String requestId) {
		return property(who, issueKey, WRITE_PROPERTY).map(value -> requestId.equals(value.path("requestId").asText()))
			.orElse(false);
	}

	/** An issue entity property's value, if it is set. */
	public Optional<JsonNode> property(JiraIdentity who, IssueKey issueKey, String propertyKey) {
		try {
			JsonNode property = this.http.get("get issue property", who,
					JiraHttp.uri(PROPERTY, issueKey.value(), propertyKey));
			return Optional.ofNullable(property.get("value"));
		}
		catch (JiraException.NotFound ex) {
			return Optional.empty();
		}
	}

	/** Sets an issue entity property (e.g. the AI score that JQL searches by). */
	public void setProperty(JiraIdentity who, IssueKey issueKey, String propertyKey, Object value) {
		this.http.send("set issue property", who, HttpMethod.PUT, JiraHttp.uri(PROPERTY, issueKey.value(), propertyKey),
				value, true);
	}

	private static void sleep(Duration delay) {
		try {
			Thread.sleep(delay);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while looking for a create", ex);
		}
	}

}

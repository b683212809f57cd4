package dev.jiraai.support;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Renders the content of a simulated site in Jira Cloud's REST v3 wire format (issues,
 * users, projects, statuses, field metadata), with absolute {@code self} URLs on the
 * site's base URL and never a user's email address.
 */
final class SiteJson {

	private final SiteData data;

	private final Supplier<String> baseUrl;

	SiteJson(SiteData data, Supplier<String> baseUrl) {
		this.data = data;
		this.baseUrl = baseUrl;
	}

	String url(String path) {
		return this.baseUrl.get() + path;
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	private static ObjectNode object() {
		return SiteData.json.createObjectNode();
	}

	// ---- users
	// ------------------------------------------------------------------------------------------------

	/** A user as Jira shows it to apps: no email address, ever. */
	ObjectNode user(JsonNode user) {
		String accountId = user.path("accountId").asText();
		ObjectNode json = object();
		json.put("self", url("/rest/api/3/user?accountId=" + encode(accountId)));
		json.put("accountId", accountId);
		json.put("accountType", user.path("accountType").asText("atlassian"));
		ObjectNode avatars = json.putObject("avatarUrls");
		for (String size : List.of("48x48", "24x24", "16x16", "32x32")) {
			avatars.put(size, url("/avatars/user/" + encode(accountId) + "?size=" + size));
		}
		json.put("displayName", user.path("displayName").asText());
		json.put("active", user.path("active").asBoolean());
		json.put("timeZone", user.path("timeZone").asText("UTC"));
		return json;
	}

	/** The app's own user, which Connect calls act as. */
	ObjectNode appUser() {
		ObjectNode app = object();
		app.put("accountId", SiteData.APP_ACCOUNT_ID);
		app.put("accountType", "app");
		app.put("displayName", "Jira AI Assistant");
		app.put("active", true);
		return user(app);
	}

	/**
	 * A user by account id ({@code app} or the app's account id for the app), or JSON
	 * null.
	 */
	JsonNode userOrNull(String accountId) {
		if (accountId == null || accountId.isEmpty()) {
			return SiteData.json.nullNode();
		}
		if ("app".equals(accountId) || SiteData.APP_ACCOUNT_ID.equals(accountId)) {
			return appUser();
		}
		return this.data.user(accountId).<JsonNode>map(this::user).orElse(SiteData.json.nullNode());
	}

	// ---- configuration
	// ----------------------------------------------------------------------------------------

	ObjectNode project(JsonNode project) {
		ObjectNode json = object();
		json.put("self", url("/rest/api/3/project/" + project.path("id").asText()));
		json.put("id", project.path("id").asText());
		json.put("key", project.path("key").asText());
		json.put("name", project.path("name").asText());
		ObjectNode avatars = json.putObject("avatarUrls");
		for (String size : List.of("48x48", "24x24", "16x16", "32x32")) {
			avatars.put(size, url("/rest/api/3/universal_avatar/view/type/project/avatar/10400?size=" + size));
		}
		json.put("projectTypeKey", project.path("projectTypeKey").asText());
		json.put("simplified", false);
		json.put("style", "classic");
		json.put("isPrivate", false);
		return json;
	}

	ObjectNode issueType(JsonNode type) {
		ObjectNode json = object();
		json.put("self", url("/rest/api/3/issuetype/" + type.path("id").asText()));
		json.put("id", type.path("id").asText());
		json.put("description", type.path("description").asText());
		json.put("iconUrl", url("/rest/api/2/universal_avatar/view/type/issuetype/avatar/" + type.path("id").asText()
				+ "?size=medium"));
		json.put("name", type.path("name").asText());
		json.put("subtask", type.path("subtask").asBoolean());
		json.put("avatarId", Long.parseLong(type.path("id").asText()));
		json.put("hierarchyLevel", type.path("hierarchyLevel").asInt());
		return json;
	}

	ObjectNode statusCategory(String key) {
		JsonNode category = this.data.statusCategory(key).orElseThrow();
		ObjectNode json = object();
		json.put("self", url("/rest/api/3/statuscategory/" + category.path("id").asInt()));
		json.put("id", category.path("id").asInt());
		json.put("key", category.path("key").asText());
		json.put("colorName", category.path("colorName").asText());
		json.put("name", category.path("name").asText());
		return json;
	}

	ObjectNode status(JsonNode status) {
		ObjectNode json = object();
		json.put("self", url("/rest/api/3/status/" + status.path("id").asText()));
		json.put("description", status.path("description").asText(""));
		json.put("iconUrl", url("/images/icons/statuses/generic.png"));
		json.put("name", status.path("name").asText());
		json.put("untranslatedName", status.path("name").asText());
		json.put("id", status.path("id").asText());
		json.set("statusCategory", statusCategory(status.path("statusCategory").asText()));
		return json;
	}

	/** A priority as an issue field shows it. */
	ObjectNode priorityRef(JsonNode priority) {
		ObjectNode json = object();
		json.put("self", url("/rest/api/3/priority/" + priority.path("id").asText()));
		json.put("iconUrl", url("/images/icons/priorities/" + priority.path("name").asText().toLowerCase() + ".svg"));
		json.put("name", priority.path("name").asText());
		json.put("id", priority.path("id").asText());
		return json;
	}

	/** A priority as the priority resources show it. */
	ObjectNode priority(JsonNode priority) {
		ObjectNode json = priorityRef(priority);
		json.put("statusColor", priority.path("statusColor").asText());
		json.put("description", priority.path("description").asText());
		if (priority.path("isDefault").asBoolean()) {
			json.put("isDefault", true);
		}
		return json;
	}

	ObjectNode resolution(JsonNode resolution) {
		ObjectNode json = object();
		json.put("self", url("/rest/api/3/resolution/" + resolution.path("id").asText()));
		json.put("id", resolution.path("id").asText());
		json.put("description", resolution.path("description").asText());
		json.put("name", resolution.path("name").asText());
		return json;
	}

	ObjectNode component(JsonNode component) {
		ObjectNode json = object();
		json.put("self", url("/rest/api/3/component/" + component.path("id").asText()));
		json.put("id", component.path("id").asText());
		json.put("name", component.path("name").asText());
		return json;
	}

	ObjectNode option(JsonNode option) {
		ObjectNode json = object();
		json.put("self", url("/rest/api/3/customFieldOption/" + option.path("id").asText()));
		json.put("value", option.path("value").asText());
		json.put("id", option.path("id").asText());
		return json;
	}

	/** A field as {@code GET /rest/api/3/field} lists it. */
	ObjectNode fieldDetails(JsonNode field) {
		ObjectNode json = object();
		json.put("id", field.path("id").asText());
		json.put("key", field.path("id").asText());
		json.put("name", field.path("name").asText());
		json.put("custom", field.path("custom").asBoolean(false));
		json.put("orderable", field.path("orderable").asBoolean());
		json.put("navigable", field.path("navigable").asBoolean());
		json.put("searchable", field.path("searchable").asBoolean());
		json.set("clauseNames", field.path("clauseNames").deepCopy());
		json.set("schema", field.path("schema").deepCopy());
		return json;
	}

	/**
	 * The metadata of a field on a screen (create screen or transition screen).
	 * @param withFieldId whether to add {@code fieldId}, which the create metadata has
	 * and the transition screens (FieldMetadata) must not
	 */
	ObjectNode fieldMetadata(JsonNode field, boolean required, JsonNode project, JsonNode issueType,
			JsonNode screenEntry, boolean withFieldId) {
		String id = field.path("id").asText();
		ObjectNode json = object();
		json.put("required", required);
		json.set("schema", field.path("schema").deepCopy());
		json.put("name", field.path("name").asText());
		json.put("key", id);
		if (withFieldId) {
			json.put("fieldId", id);
		}
		switch (id) {
			case "labels" -> json.put("autoCompleteUrl", url("/rest/api/1.0/labels/suggest?query="));
			case "assignee" -> json.put("autoCompleteUrl",
					url("/rest/api/3/user/assignable/search?project=" + project.path("key").asText() + "&query="));
			case "reporter" -> json.put("autoCompleteUrl", url("/rest/api/3/user/search?query="));
			default -> {
			}
		}
		JsonNode defaultMarker = (screenEntry != null) ? screenEntry.path("default") : SiteData.json.missingNode();
		json.put("hasDefaultValue", !defaultMarker.isMissingNode());
		json.set("operations", field.path("operations").deepCopy());
		ArrayNode allowed = allowedValues(field, project, issueType);
		if (allowed != null) {
			json.set("allowedValues", allowed);
		}
		if (id.equals("priority") && defaultMarker.isTextual()) {
			this.data.priority(defaultMarker.asText()).ifPresent(p -> json.set("defaultValue", priorityRef(p)));
		}
		return json;
	}

	/** The values a field accepts, or {@code null} when it takes free values. */
	ArrayNode allowedValues(JsonNode field, JsonNode project, JsonNode issueType) {
		ArrayNode allowed = SiteData.json.createArrayNode();
		switch (field.path("schema").path("type").asText()) {
			case "priority" -> this.data.priorities().forEach(p -> allowed.add(priorityRef(p)));
			case "issuetype" -> allowed.add(issueType(issueType));
			case "project" -> allowed.add(project(project));
			case "resolution" -> this.data.resolutions().forEach(r -> allowed.add(resolution(r)));
			case "option" -> field.path("options").forEach(o -> allowed.add(option(o)));
			case "array" -> {
				if (!field.path("schema").path("items").asText().equals("component")) {
					return null;
				}
				project.path("components").forEach(c -> allowed.add(component(c)));
			}
			default -> {
				return null;
			}
		}
		return allowed;
	}

	// ---- issues
	// -----------------------------------------------------------------------------------------------

	/** Which fields of an issue a request asks for ({@code fields} parameter). */
	record FieldSelection(Set<String> fieldIds) {

		/**
		 * Reads a {@code fields} parameter: {@code *all}, {@code *navigable}, field ids,
		 * {@code -id} to exclude; values may themselves be comma-separated.
		 * @param requested the values, or an empty list for the default
		 * @param defaultValue the default ({@code *all} for an issue, {@code id} for a
		 * search)
		 */
		static FieldSelection of(Collection<String> requested, String defaultValue, SiteData data) {
			List<String> items = new ArrayList<>();
			(requested.isEmpty() ? List.of(defaultValue) : requested)
				.forEach(value -> List.of(value.split(",")).forEach(item -> items.add(item.trim())));
			Set<String> included = new LinkedHashSet<>();
			for (String item : items) {
				if (item.equals("*all")) {
					data.fields().forEach(field -> included.add(field.path("id").asText()));
				}
				else if (item.equals("*navigable")) {
					data.fields()
						.stream()
						.filter(field -> field.path("navigable").asBoolean())
						.forEach(field -> included.add(field.path("id").asText()));
				}
				else if (!item.isEmpty() && !item.startsWith("-")) {
					included.add(item);
				}
			}
			items.stream().filter(item -> item.startsWith("-")).forEach(item -> included.remove(item.substring(1)));
			return new FieldSelection(included);
		}

		/** Only the issue id is asked for: the enhanced search then answers ids only. */
		boolean idsOnly() {
			return this.fieldIds.isEmpty() || this.fieldIds.equals(Set.of("id"));
		}

	}

	/**
	 * An issue (IssueBean) with the selected fields and the asked entity properties.
	 * @param caller who asks, to hide linked issues they cannot browse
	 */
	ObjectNode issue(ObjectNode issue, FieldSelection selection, List<String> propertyKeys, String caller) {
		ObjectNode json = object();
		json.put("expand", "renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations");
		json.put("id", issue.path("id").asText());
		json.put("self", url("/rest/api/3/issue/" + issue.path("id").asText()));
		json.put("key", issue.path("key").asText());
		ObjectNode fields = json.putObject("fields");
		for (String fieldId : selection.fieldIds()) {
			if (this.data.field(fieldId).isEmpty()) {
				continue;
			}
			Optional<JsonNode> value = fieldValue(issue, fieldId, caller);
			value.ifPresent(v -> fields.set(fieldId, v));
		}
		if (!propertyKeys.isEmpty()) {
			ObjectNode properties = json.putObject("properties");
			for (String key : propertyKeys) {
				JsonNode value = issue.path("properties").get(key);
				if (value != null) {
					properties.set(key, value.deepCopy());
				}
			}
		}
		return json;
	}

	/** The wire value of one field, or empty when Jira leaves the field out. */
	Optional<JsonNode> fieldValue(ObjectNode issue, String fieldId, String caller) {
		JsonNode nothing = SiteData.json.nullNode();
		return switch (fieldId) {
			case "summary" -> Optional.of(issue.path("summary").deepCopy());
			case "description" ->
				Optional.of(issue.path("description").isObject() ? issue.path("description").deepCopy() : nothing);
			case "issuetype" -> this.data.issueType(issue.path("type").asText()).map(this::issueType);
			case "project" -> this.data.project(issue.path("project").asText()).map(this::project);
			case "status" -> this.data.status(issue.path("status").asText()).map(this::status);
			case "priority" -> Optional.of(this.data.priority(issue.path("priority").asText(""))
				.<JsonNode>map(this::priorityRef)
				.orElse(nothing));
			case "resolution" -> Optional.of(this.data.resolution(issue.path("resolution").asText(""))
				.<JsonNode>map(this::resolution)
				.orElse(nothing));
			case "resolutiondate" -> Optional
				.of(issue.path("resolutiondate").isTextual() ? issue.path("resolutiondate").deepCopy() : nothing);
			case "labels" -> Optional.of(issue.path("labels").deepCopy());
			case "components" -> Optional.of(components(issue));
			case "assignee" -> Optional.of(userOrNull(issue.path("assignee").asText(null)));
			case "reporter" -> Optional.of(userOrNull(issue.path("reporter").asText(null)));
			case "created", "updated" -> Optional.of(issue.path(fieldId).deepCopy());
			case "comment" -> Optional.of(commentField(issue));
			case "parent" -> this.data.issue(issue.path("parent").asText(""))
				.filter(parent -> this.data.canBrowse(caller, parent))
				.map(this::issueRef);
			case "subtasks" -> Optional.of(subtasks(issue, caller));
			case "issuelinks" -> Optional.of(issueLinks(issue, caller));
			default -> this.data.field(fieldId)
				.filter(field -> field.path("custom").asBoolean())
				.map(field -> customValue(field, issue.path("custom").path(fieldId)));
		};
	}

	private ArrayNode components(JsonNode issue) {
		ArrayNode components = SiteData.json.createArrayNode();
		JsonNode project = this.data.project(issue.path("project").asText()).orElseThrow();
		for (JsonNode name : issue.path("components")) {
			for (JsonNode component : project.path("components")) {
				if (component.path("name").asText().equals(name.asText())) {
					components.add(component(component));
				}
			}
		}
		return components;
	}

	private JsonNode customValue(JsonNode field, JsonNode stored) {
		if (stored.isMissingNode() || stored.isNull()) {
			return SiteData.json.nullNode();
		}
		if (field.path("schema").path("type").asText().equals("array") && stored.isArray()) {
			ArrayNode options = SiteData.json.createArrayNode();
			for (JsonNode item : stored) {
				for (JsonNode option : field.path("options")) {
					if (option.path("id").asText().equals(item.path("id").asText())) {
						options.add(option(option));
					}
				}
			}
			return options;
		}
		if (field.path("schema").path("type").asText().equals("option")) {
			// Options are stored as {id, value}; the id decides, as the option's value
			// may be renamed.
			for (JsonNode option : field.path("options")) {
				if (option.path("id").asText().equals(stored.path("id").asText())) {
					return option(option);
				}
			}
			return SiteData.json.nullNode();
		}
		return stored.deepCopy();
	}

	/** A short reference to an issue, as parents, subtasks and links show it. */
	ObjectNode issueRef(JsonNode issue) {
		ObjectNode json = object();
		json.put("id", issue.path("id").asText());
		json.put("key", issue.path("key").asText());
		json.put("self", url("/rest/api/3/issue/" + issue.path("id").asText()));
		ObjectNode fields = json.putObject("fields");
		fields.put("summary", issue.path("summary").asText());
		this.data.status(issue.path("status").asText()).ifPresent(status -> fields.set("status", status(status)));
		this.data.priority(issue.path("priority").asText(""))
			.ifPresent(priority -> fields.set("priority", priorityRef(priority)));
		this.data.issueType(issue.path("type").asText()).ifPresent(type -> fields.set("issuetype", issueType(type)));
		return json;
	}

	private ArrayNode subtasks(ObjectNode issue, String caller) {
		ArrayNode subtasks = SiteData.json.createArrayNode();
		this.data.children(issue)
			.stream()
			.filter(child -> this.data.issueType(child.path("type").asText())
				.map(type -> type.path("subtask").asBoolean())
				.orElse(false))
			.filter(child -> this.data.canBrowse(caller, child))
			.forEach(child -> subtasks.add(issueRef(child)));
		return subtasks;
	}

	private ArrayNode issueLinks(ObjectNode issue, String caller) {
		ArrayNode links = SiteData.json.createArrayNode();
		for (JsonNode link : issue.path("links")) {
			Optional<ObjectNode> other = this.data.issue(link.path("key").asText());
			Optional<JsonNode> type = this.data.linkType(link.path("type").asText());
			if (other.isEmpty() || type.isEmpty() || !this.data.canBrowse(caller, other.get())) {
				continue;
			}
			ObjectNode json = links.addObject();
			json.put("id", link.path("id").asText());
			json.put("self", url("/rest/api/3/issueLink/" + link.path("id").asText()));
			ObjectNode typeJson = json.putObject("type");
			typeJson.put("id", type.get().path("id").asText());
			typeJson.put("name", type.get().path("name").asText());
			typeJson.put("inward", type.get().path("inward").asText());
			typeJson.put("outward", type.get().path("outward").asText());
			typeJson.put("self", url("/rest/api/3/issueLinkType/" + type.get().path("id").asText()));
			json.set(link.path("direction").asText().equals("inward") ? "inwardIssue" : "outwardIssue",
					issueRef(other.get()));
		}
		return links;
	}

	private ObjectNode commentField(ObjectNode issue) {
		ObjectNode comment = object();
		ArrayNode comments = comment.putArray("comments");
		issue.path("comments").forEach(c -> comments.add(comment(issue, c, false)));
		comment.put("self", url("/rest/api/3/issue/" + issue.path("id").asText() + "/comment"));
		comment.put("maxResults", comments.size());
		comment.put("total", comments.size());
		comment.put("startAt", 0);
		return comment;
	}

	/** A comment (Comment), with its entity properties when asked. */
	ObjectNode comment(JsonNode issue, JsonNode comment, boolean withProperties) {
		ObjectNode json = object();
		json.put("self",
				url("/rest/api/3/issue/" + issue.path("id").asText() + "/comment/" + comment.path("id").asText()));
		json.put("id", comment.path("id").asText());
		json.set("author", userOrNull(comment.path("author").asText(null)));
		json.set("body", comment.path("body").deepCopy());
		json.set("updateAuthor", userOrNull(comment.path("author").asText(null)));
		json.put("created", comment.path("created").asText());
		json.put("updated", comment.path("updated").asText(comment.path("created").asText()));
		if (comment.path("visibility").isObject()) {
			json.set("visibility", comment.path("visibility").deepCopy());
		}
		json.put("jsdPublic", true);
		if (withProperties) {
			ArrayNode properties = json.putArray("properties");
			comment.path("properties").fields().forEachRemaining(property -> {
				ObjectNode entry = properties.addObject();
				entry.put("key", property.getKey());
				entry.set("value", property.getValue().deepCopy());
			});
		}
		return json;
	}

}

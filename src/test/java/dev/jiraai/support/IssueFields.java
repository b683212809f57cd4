package dev.jiraai.support;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jiraai.contracts.ContractSchemas;

/**
 * Checks and stores the field values of create and edit requests ({@code fields} and
 * {@code update}) as Jira does: against the create screen of the issue's project and
 * type, naming the offending field in {@code errors}, and refusing fields that are not on
 * the screen.
 */
final class IssueFields {

	/**
	 * Jira's message for a rich-text field or comment body that is not an ADF document.
	 */
	static final String NOT_ADF = "Operation value must be an Atlassian Document (see the Atlassian Document Format)";

	private final SiteData data;

	IssueFields(SiteData data) {
		this.data = data;
	}

	/**
	 * Why Jira refuses a request.
	 *
	 * @param status the HTTP status
	 * @param errorMessages general messages
	 * @param errors messages by field id
	 */
	record Rejection(int status, List<String> errorMessages, Map<String, String> errors) {

		static Rejection of(int status, String message) {
			return new Rejection(status, List.of(message), Map.of());
		}

		static Rejection fields(Map<String, String> errors) {
			return new Rejection(400, List.of(), errors);
		}

		JsonNode body() {
			ObjectNode body = SiteData.json.createObjectNode();
			ArrayNode messages = body.putArray("errorMessages");
			this.errorMessages.forEach(messages::add);
			ObjectNode byField = body.putObject("errors");
			this.errors.forEach(byField::put);
			return body;
		}

	}

	/** The outcome of a write: the issue it produced, or why it was refused. */
	record Outcome(ObjectNode issue, Rejection rejection) {

		static Outcome refused(Rejection rejection) {
			return new Outcome(null, rejection);
		}

	}

	/**
	 * Validates a create request and builds the new issue (not yet stored).
	 * @param caller {@code app} or the account id of the user creating it, who becomes
	 * the default reporter
	 */
	Outcome create(JsonNode body, String caller) {
		JsonNode fields = body.path("fields");
		JsonNode update = body.path("update");
		Optional<JsonNode> project = reference(fields.path("project"), "key").flatMap(this.data::project)
			.or(() -> reference(fields.path("project"), "id").flatMap(this.data::project));
		if (project.isEmpty()) {
			return Outcome.refused(Rejection.fields(Map.of("project", "Specify a valid project ID or key")));
		}
		String projectKey = project.get().path("key").asText();
		if (!this.data.allowed(caller, "BROWSE_PROJECTS", projectKey)
				|| !this.data.allowed(caller, "CREATE_ISSUES", projectKey)) {
			return Outcome.refused(Rejection.of(403, "You do not have permission to create issues in this project."));
		}
		Optional<JsonNode> type = reference(fields.path("issuetype"), "id")
			.or(() -> reference(fields.path("issuetype"), "name"))
			.flatMap(this.data::issueType)
			.filter(t -> SiteData.texts(project.get().path("issueTypes")).contains(t.path("name").asText()));
		if (type.isEmpty()) {
			return Outcome.refused(Rejection.fields(Map.of("issuetype", "Specify a valid issue type")));
		}
		Map<String, JsonNode> screen = screen(project.get(), type.get(), Set.of());
		Map<String, String> errors = new LinkedHashMap<>();
		notOnScreen(fields, update, screen.keySet(), errors);
		ObjectNode issue = SiteData.json.createObjectNode();
		issue.put("project", projectKey);
		issue.put("type", type.get().path("name").asText());
		issue.put("summary", "");
		issue.putNull("description");
		issue.putNull("priority");
		issue.putArray("labels");
		issue.putArray("components");
		issue.putNull("assignee");
		issue.putNull("reporter");
		issue.putNull("parent");
		issue.putNull("resolution");
		issue.putObject("custom");
		for (Map.Entry<String, JsonNode> entry : screen.entrySet()) {
			String id = entry.getKey();
			if (id.equals("project") || id.equals("issuetype") || errors.containsKey(id)) {
				continue;
			}
			JsonNode value = fields.has(id) ? fields.get(id)
					: applyOperations(id, SiteData.json.nullNode(), update.path(id), errors);
			if (value == null) {
				continue;
			}
			if (isEmpty(value)) {
				if (entry.getValue().path("required").asBoolean() && entry.getValue().path("default").isMissingNode()) {
					errors.put(id, requiredMessage(id));
				}
				continue;
			}
			apply(id, value, issue, project.get(), type.get(), caller, errors);
		}
		if (!errors.isEmpty()) {
			return Outcome.refused(Rejection.fields(errors));
		}
		if (issue.path("priority").isNull()) {
			issue.put("priority", screen.get("priority").path("default").asText("Medium"));
		}
		if (issue.path("reporter").isNull()) {
			issue.put("reporter", "app".equals(caller) ? SiteData.APP_ACCOUNT_ID : caller);
		}
		Optional<Rejection> properties = properties(body.path("properties"), issue.putObject("properties"));
		if (properties.isPresent()) {
			return Outcome.refused(properties.get());
		}
		return new Outcome(issue, null);
	}

	/**
	 * Validates an edit request and applies it to the issue when it is valid (all or
	 * nothing).
	 * @param caller {@code app} or the account id of the user editing
	 */
	Optional<Rejection> edit(ObjectNode issue, JsonNode body, String caller) {
		JsonNode project = this.data.project(issue.path("project").asText()).orElseThrow();
		JsonNode type = this.data.issueType(issue.path("type").asText()).orElseThrow();
		if (!this.data.allowed(caller, "EDIT_ISSUES", project.path("key").asText())) {
			return Optional.of(Rejection.of(403, "You do not have permission to edit this issue."));
		}
		JsonNode fields = body.path("fields");
		JsonNode update = body.path("update");
		if (!fields.isObject() && !update.isObject() && !body.path("properties").isArray()) {
			return Optional.of(Rejection.of(400, "Can not deserialize instance of object: no fields or update"));
		}
		Map<String, JsonNode> screen = screen(project, type, Set.of("project", "issuetype"));
		this.data.editOnlyScreen().forEach(entry -> screen.put(entry.path("fieldId").asText(), entry));
		Map<String, String> errors = new LinkedHashMap<>();
		notOnScreen(fields, update, screen.keySet(), errors);
		ObjectNode edited = issue.deepCopy();
		Set<String> touched = new LinkedHashSet<>();
		fields.fieldNames().forEachRemaining(touched::add);
		update.fieldNames().forEachRemaining(touched::add);
		for (String id : touched) {
			if (errors.containsKey(id) || !screen.containsKey(id)) {
				continue;
			}
			JsonNode value = fields.has(id) ? fields.get(id)
					: applyOperations(id, currentValue(id, edited), update.path(id), errors);
			if (value == null) {
				continue;
			}
			if (isEmpty(value) && screen.get(id).path("required").asBoolean()) {
				errors.put(id, requiredMessage(id));
				continue;
			}
			apply(id, value, edited, project, type, caller, errors);
		}
		if (!errors.isEmpty()) {
			return Optional.of(Rejection.fields(errors));
		}
		Optional<Rejection> properties = properties(body.path("properties"), edited.with("properties"));
		if (properties.isPresent()) {
			return properties;
		}
		issue.setAll(edited);
		return Optional.empty();
	}

	/**
	 * The entity properties of a create, edit or transition request, stored into
	 * {@code target}.
	 */
	Optional<Rejection> properties(JsonNode properties, ObjectNode target) {
		for (JsonNode property : properties) {
			String key = property.path("key").asText("");
			if (key.isEmpty() || key.length() > 255) {
				return Optional.of(Rejection.of(400, "The property key must be between 1 and 255 characters long."));
			}
			if (property.path("value").isMissingNode() || property.path("value").isNull()) {
				return Optional.of(Rejection.of(400, "The value of property '%s' must not be empty.".formatted(key)));
			}
			target.set(key, property.path("value").deepCopy());
		}
		return Optional.empty();
	}

	/**
	 * The fields of the screen by id, each with its screen entry ({@code required},
	 * {@code default}).
	 */
	private Map<String, JsonNode> screen(JsonNode project, JsonNode type, Set<String> excluded) {
		Map<String, JsonNode> screen = new LinkedHashMap<>();
		for (JsonNode entry : this.data.createScreen(project, type)) {
			String id = entry.path("fieldId").asText();
			if (!excluded.contains(id)) {
				screen.put(id, entry);
			}
		}
		return screen;
	}

	private static void notOnScreen(JsonNode fields, JsonNode update, Set<String> screen, Map<String, String> errors) {
		for (JsonNode source : List.of(fields, update)) {
			source.fieldNames().forEachRemaining(id -> {
				if (!screen.contains(id)) {
					errors.put(id,
							"Field '%s' cannot be set. It is not on the appropriate screen, or unknown.".formatted(id));
				}
			});
		}
		fields.fieldNames().forEachRemaining(id -> {
			if (update.has(id) && screen.contains(id)) {
				errors.put(id, "Field '%s' cannot be set in both 'fields' and 'update'.".formatted(id));
			}
		});
	}

	private String requiredMessage(String fieldId) {
		if (fieldId.equals("summary")) {
			return "You must specify a summary of the issue.";
		}
		return "%s is required.".formatted(this.data.field(fieldId).map(f -> f.path("name").asText()).orElse(fieldId));
	}

	private static boolean isEmpty(JsonNode value) {
		return value.isNull() || value.isMissingNode() || value.isTextual() && value.asText().isBlank()
				|| value.isArray() && value.isEmpty();
	}

	private static Optional<String> reference(JsonNode node, String property) {
		JsonNode value = node.path(property);
		return value.isTextual() || value.isNumber() ? Optional.of(value.asText()) : Optional.empty();
	}

	/**
	 * A field's current value in wire form, the base that {@code update} operations work
	 * on.
	 */
	private JsonNode currentValue(String id, ObjectNode issue) {
		return switch (id) {
			case "labels" -> issue.path("labels").deepCopy();
			case "components" -> {
				ArrayNode components = SiteData.json.createArrayNode();
				issue.path("components").forEach(name -> components.addObject().put("name", name.asText()));
				yield components;
			}
			default -> SiteData.json.nullNode();
		};
	}

	/**
	 * Applies {@code update} operations ({@code set}, {@code add}, {@code remove}) to a
	 * field's current value.
	 * @return the resulting value, or {@code null} when an operation is refused (recorded
	 * in {@code errors})
	 */
	private JsonNode applyOperations(String id, JsonNode current, JsonNode operations, Map<String, String> errors) {
		if (operations.isMissingNode()) {
			return SiteData.json.missingNode();
		}
		JsonNode field = this.data.field(id).orElseThrow();
		List<String> allowed = SiteData.texts(field.path("operations"));
		boolean array = field.path("schema").path("type").asText().equals("array");
		JsonNode value = current;
		for (JsonNode operation : operations) {
			Iterator<Map.Entry<String, JsonNode>> entries = operation.fields();
			while (entries.hasNext()) {
				Map.Entry<String, JsonNode> entry = entries.next();
				String verb = entry.getKey();
				if (!allowed.contains(verb)) {
					errors.put(id, "Field '%s' does not support the operation '%s'.".formatted(id, verb));
					return null;
				}
				JsonNode operand = entry.getValue();
				if (verb.equals("set")) {
					value = operand.deepCopy();
				}
				else if (array) {
					ArrayNode list = value.isArray() ? ((ArrayNode) value).deepCopy() : SiteData.json.createArrayNode();
					if (verb.equals("add")) {
						list.add(operand.deepCopy());
					}
					else {
						for (int i = list.size() - 1; i >= 0; i--) {
							if (sameItem(list.get(i), operand)) {
								list.remove(i);
							}
						}
					}
					value = list;
				}
			}
		}
		return value;
	}

	private static boolean sameItem(JsonNode item, JsonNode operand) {
		if (item.isTextual() || operand.isTextual()) {
			return item.asText().equals(operand.asText());
		}
		return !operand.path("name").isMissingNode() && item.path("name").asText().equals(operand.path("name").asText())
				|| !operand.path("id").isMissingNode() && item.path("id").asText().equals(operand.path("id").asText());
	}

	/** Checks one value and stores it on the issue, or records why it is refused. */
	private void apply(String id, JsonNode value, ObjectNode issue, JsonNode project, JsonNode type, String caller,
			Map<String, String> errors) {
		switch (id) {
			case "summary" -> {
				if (!value.isTextual()) {
					errors.put(id, "Operation value must be a string");
				}
				else if (value.asText().length() > 255) {
					errors.put(id, "Summary must be less than 255 characters.");
				}
				else {
					issue.put("summary", value.asText());
				}
			}
			case "description" -> {
				if (value.isNull()) {
					issue.putNull("description");
				}
				else if (!adfErrors(value).isEmpty()) {
					errors.put(id, NOT_ADF);
				}
				else {
					issue.set("description", value.deepCopy());
				}
			}
			case "priority" -> {
				Optional<JsonNode> priority = reference(value, "id").or(() -> reference(value, "name"))
					.flatMap(this.data::priority);
				if (priority.isEmpty()) {
					errors.put(id, "Specify a valid 'id' or 'name' for Priority");
				}
				else {
					issue.put("priority", priority.get().path("name").asText());
				}
			}
			case "labels" -> {
				ArrayNode labels = SiteData.json.createArrayNode();
				for (JsonNode label : value) {
					if (!label.isTextual() || label.asText().isBlank() || label.asText().matches(".*\\s.*")) {
						errors.put(id, "The label '%s' contains spaces which is invalid.".formatted(label.asText()));
						return;
					}
					labels.add(label.asText());
				}
				issue.set("labels", labels);
			}
			case "components" -> {
				ArrayNode names = SiteData.json.createArrayNode();
				for (JsonNode wanted : value) {
					Optional<JsonNode> component = find(project.path("components"), wanted);
					if (component.isEmpty()) {
						errors.put(id,
								wanted.has("id")
										? "Component id '%s' is not valid".formatted(wanted.path("id").asText())
										: "Component name '%s' is not valid".formatted(wanted.path("name").asText()));
						return;
					}
					names.add(component.get().path("name").asText());
				}
				issue.set("components", names);
			}
			case "assignee" -> {
				if (value.isNull()) {
					issue.putNull("assignee");
					return;
				}
				String accountId = value.path("accountId").asText("");
				boolean assignable = this.data.user(accountId)
					.filter(user -> user.path("active").asBoolean())
					.filter(user -> this.data.allowed(accountId, "ASSIGNABLE_USER", project.path("key").asText()))
					.isPresent();
				if (!assignable) {
					errors.put(id, "User '%s' cannot be assigned issues.".formatted(accountId));
				}
				else {
					issue.put("assignee", accountId);
				}
			}
			case "reporter" -> {
				String accountId = value.path("accountId").asText("");
				if (this.data.user(accountId).isEmpty() && !SiteData.APP_ACCOUNT_ID.equals(accountId)) {
					errors.put(id, "The reporter specified is not a user.");
				}
				else {
					issue.put("reporter", accountId);
				}
			}
			case "parent" -> parent(value, issue, project, type, caller, errors);
			default -> custom(id, value, issue, errors);
		}
	}

	private void parent(JsonNode value, ObjectNode issue, JsonNode project, JsonNode type, String caller,
			Map<String, String> errors) {
		Optional<ObjectNode> parent = reference(value, "key").or(() -> reference(value, "id"))
			.flatMap(this.data::issue)
			.filter(p -> this.data.canBrowse(caller, p));
		if (parent.isEmpty()) {
			errors.put("parent", "Could not find issue by id or key.");
			return;
		}
		int parentLevel = this.data.issueType(parent.get().path("type").asText())
			.map(t -> t.path("hierarchyLevel").asInt())
			.orElse(0);
		boolean subtask = type.path("subtask").asBoolean();
		boolean fits = subtask
				? parentLevel == 0 && parent.get().path("project").asText().equals(project.path("key").asText())
				: parentLevel == type.path("hierarchyLevel").asInt() + 1;
		if (!fits || parent.get().path("key").asText().equals(issue.path("key").asText())) {
			errors.put("parent", "Given parent issue does not belong to appropriate hierarchy.");
			return;
		}
		issue.put("parent", parent.get().path("key").asText());
	}

	private void custom(String id, JsonNode value, ObjectNode issue, Map<String, String> errors) {
		JsonNode field = this.data.field(id).orElseThrow();
		ObjectNode custom = issue.with("custom");
		if (value.isNull()) {
			custom.putNull(id);
			return;
		}
		switch (field.path("schema").path("type").asText()) {
			case "string" -> {
				if (!value.isTextual()) {
					errors.put(id, "Operation value must be a string");
				}
				else if (value.asText().length() > 255) {
					errors.put(id, "Text fields cannot be more than 255 characters.");
				}
				else {
					custom.put(id, value.asText());
				}
			}
			case "number" -> {
				if (!value.isNumber()) {
					errors.put(id, "Operation value must be a number");
				}
				else {
					custom.set(id, value.deepCopy());
				}
			}
			case "option" -> {
				Optional<JsonNode> option = find(field.path("options"), value);
				if (option.isPresent()) {
					custom.set(id, option.get().deepCopy());
				}
				else if (value.has("id")) {
					errors.put(id, "Option id '%s' is not valid".formatted(value.path("id").asText()));
				}
				else {
					errors.put(id, "Option value '%s' is not valid".formatted(value.path("value").asText()));
				}
			}
			case "array" -> {
				// Checkboxes (Flagged): a list of options, each named by id or value.
				ArrayNode chosen = SiteData.json.createArrayNode();
				if (!value.isArray()) {
					errors.put(id, "Operation value must be an array");
					return;
				}
				for (JsonNode item : value) {
					Optional<JsonNode> option = find(field.path("options"), item);
					if (option.isEmpty()) {
						errors.put(id, "Option value '%s' is not valid".formatted(item.path("value").asText()));
						return;
					}
					chosen.add(option.get().deepCopy());
				}
				custom.set(id, chosen);
			}
			default -> errors.put(id,
					"Field '%s' cannot be set. It is not on the appropriate screen, or unknown.".formatted(id));
		}
	}

	/**
	 * The element of a list (components, options) a reference names by {@code id},
	 * {@code name} or {@code value}.
	 */
	private static Optional<JsonNode> find(JsonNode candidates, JsonNode reference) {
		for (JsonNode candidate : candidates) {
			if (reference.has("id") && candidate.path("id").asText().equals(reference.path("id").asText())) {
				return Optional.of(candidate);
			}
			if (!reference.has("id") && reference.has("name")
					&& candidate.path("name").asText().equals(reference.path("name").asText())) {
				return Optional.of(candidate);
			}
			if (!reference.has("id") && reference.has("value")
					&& candidate.path("value").asText().equals(reference.path("value").asText())) {
				return Optional.of(candidate);
			}
		}
		return Optional.empty();
	}

	/**
	 * Why a document is not ADF: it must be a {@code doc} node and valid against the
	 * vendored ADF schema.
	 * @return the problems; empty when the document is valid
	 */
	static List<String> adfErrors(JsonNode document) {
		if (!document.isObject() || !document.path("type").asText().equals("doc")) {
			return List.of("not an ADF document (an object with type 'doc')");
		}
		return new ArrayList<>(ContractSchemas.adfErrors(document));
	}

}

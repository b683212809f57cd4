package dev.jiraai.jira;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jiraai.jira.adf.AdfToMarkdown;
import dev.jiraai.jira.payload.AllowedValue;
import dev.jiraai.jira.payload.CreateField;
import dev.jiraai.jira.payload.IssueRef;
import dev.jiraai.jira.payload.IssueSummary;
import dev.jiraai.jira.payload.IssueType;
import dev.jiraai.jira.payload.JiraComment;
import dev.jiraai.jira.payload.JiraStatus;
import dev.jiraai.jira.payload.JiraUser;
import dev.jiraai.jira.payload.Priority;
import dev.jiraai.jira.payload.Project;

/**
 * Reads Jira's wire JSON into the client's records, tolerating the fields Jira leaves
 * out.
 */
final class JiraJson {

	/** Jira writes offsets without a colon ({@code 2026-11-18T16:40:00.000+0000}). */
	private static final DateTimeFormatter JIRA_TIME = new DateTimeFormatterBuilder()
		.append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
		.optionalStart()
		.appendOffset("+HHMM", "Z")
		.optionalEnd()
		.optionalStart()
		.appendOffset("+HH:MM", "Z")
		.optionalEnd()
		.toFormatter();

	private static final AdfToMarkdown adfToMarkdown = new AdfToMarkdown();

	private JiraJson() {
	}

	static String text(JsonNode node, String field) {
		JsonNode value = node.path(field);
		return (value.isMissingNode() || value.isNull()) ? null : value.asText();
	}

	static OffsetDateTime time(JsonNode node) {
		if (node == null || node.isNull() || node.isMissingNode() || node.asText().isBlank()) {
			return null;
		}
		try {
			return OffsetDateTime.parse(node.asText(), JIRA_TIME);
		}
		catch (DateTimeParseException ex) {
			return OffsetDateTime.parse(node.asText());
		}
	}

	static String markdown(JsonNode adf) {
		return (adf == null || adf.isNull() || adf.isMissingNode()) ? "" : adfToMarkdown.toMarkdown(adf);
	}

	static JiraUser user(JsonNode node) {
		if (node == null || node.isNull() || node.isMissingNode()) {
			return null;
		}
		return new JiraUser(text(node, "accountId"), text(node, "displayName"), node.path("active").asBoolean(true));
	}

	static JiraStatus status(JsonNode node) {
		if (node == null || node.isNull() || node.isMissingNode()) {
			return null;
		}
		return new JiraStatus(text(node, "id"), text(node, "name"), text(node.path("statusCategory"), "key"));
	}

	static Priority priority(JsonNode node) {
		if (node == null || node.isNull() || node.isMissingNode()) {
			return null;
		}
		return new Priority(text(node, "id"), text(node, "name"));
	}

	static IssueType issueType(JsonNode node) {
		if (node == null || node.isNull() || node.isMissingNode()) {
			return null;
		}
		return new IssueType(text(node, "id"), text(node, "name"), node.path("subtask").asBoolean(false),
				node.path("hierarchyLevel").asInt(0));
	}

	static Project project(JsonNode node) {
		return new Project(text(node, "id"), text(node, "key"), text(node, "name"));
	}

	static IssueRef issueRef(JsonNode node) {
		if (node == null || node.isNull() || node.isMissingNode()) {
			return null;
		}
		JsonNode fields = node.path("fields");
		return new IssueRef(text(node, "id"), text(node, "key"), text(fields, "summary"),
				text(fields.path("status"), "name"), text(fields.path("issuetype"), "name"));
	}

	static JiraComment comment(JsonNode node) {
		return new JiraComment(text(node, "id"), user(node.path("author")), node.path("body"),
				markdown(node.path("body")), time(node.path("created")));
	}

	static IssueSummary issueSummary(JsonNode node) {
		JsonNode fields = node.path("fields");
		Priority priority = priority(fields.path("priority"));
		return new IssueSummary(text(node, "id"), text(node, "key"), text(fields, "summary"),
				status(fields.path("status")), text(fields.path("issuetype"), "name"),
				priority == null ? null : priority.name(), user(fields.path("assignee")), time(fields.path("updated")));
	}

	static CreateField createField(JsonNode node) {
		List<AllowedValue> allowed = new ArrayList<>();
		node.path("allowedValues").forEach(value -> allowed.add(allowedValue(value)));
		JsonNode schema = node.path("schema");
		return new CreateField(text(node, "fieldId"), text(node, "name"), node.path("required").asBoolean(false),
				text(schema, "type"), text(schema, "items"), List.copyOf(allowed), node.has("allowedValues"),
				node.path("hasDefaultValue").asBoolean(false));
	}

	/**
	 * Allowed values come as priorities and components ({@code name}) or options
	 * ({@code value}).
	 */
	static AllowedValue allowedValue(JsonNode node) {
		String name = node.hasNonNull("name") ? text(node, "name") : text(node, "value");
		return new AllowedValue(text(node, "id"), name);
	}

	static List<String> texts(JsonNode array) {
		List<String> values = new ArrayList<>();
		array.forEach(value -> values.add(value.isObject() ? text(value, "name") : value.asText()));
		return List.copyOf(values);
	}

}

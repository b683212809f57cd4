package dev.jiraai.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The REST v3 endpoints of a simulated site, answering in Jira Cloud's wire format from {@link SiteData}. An
 * endpoint the simulator does not know answers 501 and is reported as a test failure, so a missing handler is never
 * mistaken for a Jira answer.
 */
final class JiraRestHandlers {

	private final SiteData data;

	private final List<Route> routes = new ArrayList<>();

	JiraRestHandlers(SiteData data) {
		this.data = data;
		route("GET", "/rest/api/3/myself", this::myself);
		route("GET", "/rest/api/3/project/search", this::projectSearch);
		route("GET", "/rest/api/3/issue/([^/]+)", this::getIssue);
		route("GET", "/rest/api/3/issue/([^/]+)/transitions", this::transitions);
		route("POST", "/rest/api/3/issue/([^/]+)/transitions", this::transition);
		route("POST", "/rest/api/3/issue/([^/]+)/comment", this::addComment);
		route("GET", "/rest/api/3/priority/search", this::prioritySearch);
	}

	/** A response of the simulated site. */
	record SimResponse(int status, JsonNode body, Map<String, String> headers) {

		static SimResponse ok(JsonNode body) {
			return new SimResponse(200, body, Map.of());
		}

		static SimResponse error(int status, String message) {
			ObjectNode body = SiteData.json.createObjectNode();
			body.putArray("errorMessages").add(message);
			body.putObject("errors");
			return new SimResponse(status, body, Map.of());
		}

	}

	/** A request as a handler sees it. */
	record Call(String method, String path, Matcher match, Map<String, List<String>> query, JsonNode body,
			String caller) {

		String param(String name) {
			List<String> values = this.query.get(name);
			return (values == null || values.isEmpty()) ? null : values.get(0);
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

	SimResponse handle(String method, String path, Map<String, List<String>> query, String body, String caller) {
		for (Route route : this.routes) {
			Matcher match = route.path().matcher(path);
			if (route.method().equals(method) && match.matches()) {
				JsonNode json;
				try {
					json = (body == null || body.isBlank()) ? null : SiteData.json.readTree(body);
				}
				catch (JsonProcessingException ex) {
					return SimResponse.error(400, "Unexpected character in JSON body: " + ex.getOriginalMessage());
				}
				return route.handler().apply(new Call(method, path, match, query, json, caller));
			}
		}
		return SimResponse.error(501, "The Jira simulator does not implement " + method + " " + path);
	}

	// ---- users ------------------------------------------------------------------------------------------------

	private SimResponse myself(Call call) {
		if (call.asApp()) {
			ObjectNode app = SiteData.json.createObjectNode();
			app.put("accountId", "557058:app-" + JiraCloudSimulator.APP_KEY);
			app.put("accountType", "app");
			app.put("displayName", "Jira AI Assistant");
			app.put("active", true);
			return SimResponse.ok(app);
		}
		return this.data.user(call.caller())
			.map(user -> SimResponse.ok(userJson(user)))
			.orElseGet(() -> SimResponse.error(401, "Unknown user"));
	}

	ObjectNode userJson(JsonNode user) {
		ObjectNode json = SiteData.json.createObjectNode();
		json.put("self", "/rest/api/3/user?accountId=" + user.path("accountId").asText());
		json.put("accountId", user.path("accountId").asText());
		json.put("accountType", user.path("accountType").asText("atlassian"));
		json.put("displayName", user.path("displayName").asText());
		json.put("active", user.path("active").asBoolean());
		json.put("timeZone", user.path("timeZone").asText("UTC"));
		return json;
	}

	// ---- projects and metadata --------------------------------------------------------------------------------

	private SimResponse projectSearch(Call call) {
		ArrayNode values = SiteData.json.createArrayNode();
		this.data.projects().forEach(project -> values.add(projectJson(project)));
		ObjectNode page = SiteData.json.createObjectNode();
		page.put("startAt", 0);
		page.put("maxResults", 50);
		page.put("total", values.size());
		page.put("isLast", true);
		page.set("values", values);
		return SimResponse.ok(page);
	}

	ObjectNode projectJson(JsonNode project) {
		ObjectNode json = SiteData.json.createObjectNode();
		json.put("id", project.path("id").asText());
		json.put("key", project.path("key").asText());
		json.put("name", project.path("name").asText());
		json.put("projectTypeKey", project.path("projectTypeKey").asText());
		json.put("simplified", false);
		return json;
	}

	private SimResponse prioritySearch(Call call) {
		ArrayNode values = SiteData.json.createArrayNode();
		this.data.priorities().forEach(priority -> values.add(priority.deepCopy()));
		ObjectNode page = SiteData.json.createObjectNode();
		page.put("startAt", 0);
		page.put("maxResults", 50);
		page.put("total", values.size());
		page.put("isLast", true);
		page.set("values", values);
		return SimResponse.ok(page);
	}

	// ---- issues -----------------------------------------------------------------------------------------------

	private Optional<ObjectNode> issue(Call call) {
		return this.data.issue(call.match().group(1));
	}

	private SimResponse getIssue(Call call) {
		return issue(call).map(issue -> SimResponse.ok(issueJson(issue)))
			.orElseGet(() -> SimResponse.error(404, "Issue does not exist or you do not have permission to see it."));
	}

	ObjectNode issueJson(ObjectNode issue) {
		ObjectNode json = SiteData.json.createObjectNode();
		json.put("id", issue.path("id").asText());
		json.put("key", issue.path("key").asText());
		json.put("self", "/rest/api/3/issue/" + issue.path("id").asText());
		ObjectNode fields = json.putObject("fields");
		fields.put("summary", issue.path("summary").asText());
		fields.set("description", issue.path("description").deepCopy());
		this.data.issueType(issue.path("type").asText()).ifPresent(type -> fields.set("issuetype", type.deepCopy()));
		this.data.project(issue.path("project").asText())
			.ifPresent(project -> fields.set("project", projectJson(project)));
		this.data.status(issue.path("status").asText()).ifPresent(status -> fields.set("status", statusJson(status)));
		this.data.priority(issue.path("priority").asText())
			.ifPresent(priority -> fields.set("priority", priority.deepCopy()));
		fields.set("labels", issue.path("labels").deepCopy());
		ArrayNode components = fields.putArray("components");
		issue.path("components").forEach(name -> components.addObject().put("name", name.asText()));
		fields.set("assignee", userOrNull(issue.path("assignee").asText(null)));
		fields.set("reporter", userOrNull(issue.path("reporter").asText(null)));
		fields.put("created", issue.path("created").asText());
		fields.put("updated", issue.path("updated").asText());
		ObjectNode comment = fields.putObject("comment");
		ArrayNode comments = comment.putArray("comments");
		issue.path("comments").forEach(c -> comments.add(commentJson(c)));
		comment.put("total", comments.size());
		comment.put("maxResults", comments.size());
		comment.put("startAt", 0);
		return json;
	}

	ObjectNode statusJson(JsonNode status) {
		ObjectNode json = SiteData.json.createObjectNode();
		json.put("id", status.path("id").asText());
		json.put("name", status.path("name").asText());
		ObjectNode category = json.putObject("statusCategory");
		String key = switch (status.path("statusCategory").asText()) {
			case "TODO" -> "new";
			case "IN_PROGRESS" -> "indeterminate";
			default -> "done";
		};
		category.put("key", key);
		category.put("name", status.path("statusCategory").asText());
		return json;
	}

	private JsonNode userOrNull(String accountId) {
		if (accountId == null) {
			return SiteData.json.nullNode();
		}
		return this.data.user(accountId).<JsonNode>map(this::userJson).orElse(SiteData.json.nullNode());
	}

	ObjectNode commentJson(JsonNode comment) {
		ObjectNode json = SiteData.json.createObjectNode();
		json.put("id", comment.path("id").asText());
		json.set("author", userOrNull(comment.path("author").asText(null)));
		json.set("body", comment.path("body").deepCopy());
		json.put("created", comment.path("created").asText());
		json.put("updated", comment.path("created").asText());
		return json;
	}

	// ---- writes -----------------------------------------------------------------------------------------------

	private SimResponse transitions(Call call) {
		Optional<ObjectNode> issue = issue(call);
		if (issue.isEmpty()) {
			return SimResponse.error(404, "Issue does not exist or you do not have permission to see it.");
		}
		ObjectNode json = SiteData.json.createObjectNode();
		ArrayNode transitions = json.putArray("transitions");
		for (JsonNode step : this.data.workflow()) {
			ObjectNode transition = transitions.addObject();
			transition.put("id", step.path("id").asText());
			transition.put("name", step.path("name").asText());
			this.data.status(step.path("to").asText()).ifPresent(to -> transition.set("to", statusJson(to)));
			ObjectNode fields = transition.putObject("fields");
			step.path("requiredFields").fields().forEachRemaining(required -> {
				ObjectNode field = fields.putObject(required.getKey());
				field.put("required", true);
				field.put("name", Character.toUpperCase(required.getKey().charAt(0)) + required.getKey().substring(1));
				ArrayNode allowed = field.putArray("allowedValues");
				required.getValue().forEach(value -> allowed.addObject().put("name", value.asText()));
			});
		}
		return SimResponse.ok(json);
	}

	private SimResponse transition(Call call) {
		Optional<ObjectNode> issue = issue(call);
		if (issue.isEmpty()) {
			return SimResponse.error(404, "Issue does not exist or you do not have permission to see it.");
		}
		String id = call.body().path("transition").path("id").asText();
		Optional<JsonNode> step = this.data.workflow()
			.stream()
			.filter(s -> s.path("id").asText().equals(id))
			.findFirst();
		if (step.isEmpty()) {
			return SimResponse.error(400, "Transition id '%s' is not valid for this issue.".formatted(id));
		}
		List<String> missing = new ArrayList<>();
		step.get().path("requiredFields").fieldNames().forEachRemaining(field -> {
			if (call.body().path("fields").path(field).isMissingNode()) {
				missing.add(field);
			}
		});
		if (!missing.isEmpty()) {
			ObjectNode body = SiteData.json.createObjectNode();
			body.putArray("errorMessages");
			ObjectNode errors = body.putObject("errors");
			missing.forEach(field -> errors.put(field, "Field '%s' is required".formatted(field)));
			return new SimResponse(400, body, Map.of());
		}
		issue.get().put("status", step.get().path("to").asText());
		SimulatedSite.touch(issue.get());
		return new SimResponse(204, null, Map.of());
	}

	private SimResponse addComment(Call call) {
		Optional<ObjectNode> issue = issue(call);
		if (issue.isEmpty()) {
			return SimResponse.error(404, "Issue does not exist or you do not have permission to see it.");
		}
		ObjectNode comment = SiteData.json.createObjectNode();
		comment.put("id", String.valueOf(10_000 + issue.get().path("comments").size() + (int) (Math.random() * 1000)));
		comment.put("author", call.asApp() ? "557058:app-" + JiraCloudSimulator.APP_KEY : call.caller());
		comment.put("created", java.time.OffsetDateTime.now().toString());
		comment.set("body", call.body().path("body").deepCopy());
		((ArrayNode) issue.get().withArray("comments")).add(comment);
		SimulatedSite.touch(issue.get());
		ObjectNode json = commentJson(comment);
		return new SimResponse(201, json, Map.of());
	}

}

package dev.jiraai.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The content of a simulated Jira site (users, projects, issue types, statuses, priorities, issues with ADF
 * descriptions and comments, a workflow), seeded from {@code jira-simulator/seed-site.json} and changed by the
 * app's writes.
 */
public final class SiteData {

	static final ObjectMapper json = new ObjectMapper();

	private final ObjectNode root;

	private SiteData(ObjectNode root) {
		this.root = root;
	}

	static SiteData seeded() {
		try (InputStream in = SiteData.class.getResourceAsStream("/jira-simulator/seed-site.json")) {
			return new SiteData((ObjectNode) json.readTree(in));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public List<JsonNode> users() {
		return list("users");
	}

	public Optional<JsonNode> user(String accountId) {
		return find("users", "accountId", accountId);
	}

	public List<JsonNode> projects() {
		return list("projects");
	}

	public Optional<JsonNode> project(String keyOrId) {
		return find("projects", "key", keyOrId).or(() -> find("projects", "id", keyOrId));
	}

	public List<JsonNode> issueTypes() {
		return list("issueTypes");
	}

	public Optional<JsonNode> issueType(String name) {
		return find("issueTypes", "name", name);
	}

	public List<JsonNode> statuses() {
		return list("statuses");
	}

	public Optional<JsonNode> status(String name) {
		return find("statuses", "name", name);
	}

	public List<JsonNode> priorities() {
		return list("priorities");
	}

	public Optional<JsonNode> priority(String name) {
		return find("priorities", "name", name);
	}

	public List<JsonNode> workflow() {
		return list("workflow");
	}

	public List<ObjectNode> issues() {
		return list("issues").stream().map(ObjectNode.class::cast).toList();
	}

	/** The issue with this key or id, mutable. */
	public Optional<ObjectNode> issue(String keyOrId) {
		return issues().stream()
			.filter(issue -> issue.path("key").asText().equals(keyOrId) || issue.path("id").asText().equals(keyOrId))
			.findFirst();
	}

	ArrayNode issuesArray() {
		return (ArrayNode) this.root.get("issues");
	}

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

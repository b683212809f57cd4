package dev.jiraai.draft;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.jiraai.ai.ModelMarkdown;
import dev.jiraai.ai.SourceUrls;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * The drafting prompts' answers, as their schemas describe them, and their text with
 * links the request did not contain made plain ({@link ModelMarkdown}).
 */
final class ModelOutputs {

	private ModelOutputs() {
	}

	/** {@code ticket_creator}. */
	record Ticket(@NotBlank @Size(max = 255) String summary, @NotBlank String issueType, String priority,
			@NotNull List<String> labels, @NotNull List<String> components, String assigneeHint,
			@NotBlank String descriptionMarkdown, @NotNull List<String> acceptanceCriteria,
			@NotNull List<String> missingInformation) {

		Ticket withoutForeignLinks(SourceUrls sources) {
			return new Ticket(this.summary, this.issueType, this.priority, this.labels, this.components,
					this.assigneeHint, ModelMarkdown.withoutForeignLinks(this.descriptionMarkdown, sources),
					ModelMarkdown.withoutForeignLinks(this.acceptanceCriteria, sources),
					ModelMarkdown.withoutForeignLinks(this.missingInformation, sources));
		}

	}

	/** {@code ticket_breakdown}. */
	record Breakdown(@NotNull @Valid Epic epic, @NotNull @Size(min = 1, max = 12) List<@Valid Item> items,
			@NotNull List<String> openQuestions) {

		Breakdown withoutForeignLinks(SourceUrls sources) {
			return new Breakdown(this.epic == null ? null : this.epic.withoutForeignLinks(sources),
					this.items.stream().map(item -> item.withoutForeignLinks(sources)).toList(),
					ModelMarkdown.withoutForeignLinks(this.openQuestions, sources));
		}

	}

	record Epic(@NotBlank @Size(max = 255) String summary, @NotBlank String descriptionMarkdown,
			@NotNull List<String> acceptanceCriteria) {

		Epic withoutForeignLinks(SourceUrls sources) {
			return new Epic(this.summary, ModelMarkdown.withoutForeignLinks(this.descriptionMarkdown, sources),
					ModelMarkdown.withoutForeignLinks(this.acceptanceCriteria, sources));
		}

	}

	record Item(@NotBlank String ref, @NotBlank @Size(max = 255) String summary, @NotBlank String issueType,
			@NotBlank String descriptionMarkdown, @NotNull List<String> acceptanceCriteria,
			@NotNull List<String> dependsOn, @NotBlank String complexity) {

		Item withoutForeignLinks(SourceUrls sources) {
			return new Item(this.ref, this.summary, this.issueType,
					ModelMarkdown.withoutForeignLinks(this.descriptionMarkdown, sources),
					ModelMarkdown.withoutForeignLinks(this.acceptanceCriteria, sources), this.dependsOn,
					this.complexity);
		}

	}

	/** A JSON answer with every string in it treated as the model's Markdown. */
	static JsonNode withoutForeignLinks(JsonNode node, SourceUrls sources) {
		if (node == null) {
			return null;
		}
		if (node.isTextual()) {
			return TextNode.valueOf(ModelMarkdown.withoutForeignLinks(node.asText(), sources));
		}
		if (node.isObject()) {
			ObjectNode copy = ((ObjectNode) node).objectNode();
			node.properties()
				.forEach(entry -> copy.set(entry.getKey(), withoutForeignLinks(entry.getValue(), sources)));
			return copy;
		}
		if (node.isArray()) {
			ArrayNode copy = ((ArrayNode) node).arrayNode();
			node.forEach(element -> copy.add(withoutForeignLinks(element, sources)));
			return copy;
		}
		return node;
	}

}

package dev.jiraai.chat;

import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A user's edit of a proposal, laid over the stored payload: a field the edit names
 * replaces the stored one, except a list of items with ids (a transition's
 * {@code fields}), whose items are matched by id and changed only in what the edit names.
 * So a client sends {@code {"fields": [{"id": "resolution", "value": "Done"}]}} and the
 * field keeps its name, whether it is required and its allowed values, which the card and
 * the checks before writing need.
 */
final class ProposalEdit {

	private ProposalEdit() {
	}

	/** The payload with the edit laid over it; neither argument is changed. */
	static ObjectNode merged(ObjectNode stored, ObjectNode edit) {
		ObjectNode merged = stored.deepCopy();
		for (Iterator<Map.Entry<String, JsonNode>> it = edit.fields(); it.hasNext();) {
			Map.Entry<String, JsonNode> field = it.next();
			JsonNode before = merged.get(field.getKey());
			if (itemsWithIds(before) && itemsWithIds(field.getValue())) {
				merged.set(field.getKey(), mergedById((ArrayNode) before, (ArrayNode) field.getValue()));
			}
			else {
				merged.set(field.getKey(), field.getValue());
			}
		}
		return merged;
	}

	/**
	 * The stored items with each edited one laid over the item of its id; an edited item
	 * whose id is not stored is added, so the proposal's own checks refuse it in words.
	 */
	private static ArrayNode mergedById(ArrayNode stored, ArrayNode edited) {
		ArrayNode merged = stored.deepCopy();
		for (JsonNode item : edited) {
			String id = item.get("id").asText();
			ObjectNode match = null;
			for (JsonNode candidate : merged) {
				if (candidate.get("id").asText().equals(id)) {
					match = (ObjectNode) candidate;
				}
			}
			if (match == null) {
				merged.add(item.deepCopy());
			}
			else {
				match.setAll((ObjectNode) item.deepCopy());
			}
		}
		return merged;
	}

	private static boolean itemsWithIds(JsonNode node) {
		if (node == null || !node.isArray() || node.isEmpty()) {
			return false;
		}
		for (JsonNode item : node) {
			if (!item.isObject() || !item.path("id").isTextual()) {
				return false;
			}
		}
		return true;
	}

}

package dev.jiraai.jira.payload;

import java.util.List;
import java.util.Map;

/**
 * Changes to an issue; {@code null} leaves a field as it is.
 *
 * @param summary a new summary
 * @param descriptionMarkdown a new description, as Markdown
 * @param labels the labels to set, replacing all
 * @param addLabels labels to add
 * @param removeLabels labels to remove
 * @param priority a new priority name
 * @param otherFields other fields by id, in Jira's wire format
 */
public record IssueEdit(String summary, String descriptionMarkdown, List<String> labels, List<String> addLabels,
		List<String> removeLabels, String priority, Map<String, Object> otherFields) {

	public IssueEdit {
		addLabels = (addLabels == null) ? List.of() : List.copyOf(addLabels);
		removeLabels = (removeLabels == null) ? List.of() : List.copyOf(removeLabels);
		otherFields = (otherFields == null) ? Map.of() : Map.copyOf(otherFields);
	}

	/** Only a new description. */
	public static IssueEdit description(String markdown) {
		return new IssueEdit(null, markdown, null, null, null, null, null);
	}

}

package dev.jiraai.draft;

import java.util.List;

import dev.jiraai.jira.IssueKey;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * One issue to create, as drafted by the model and edited by the user.
 *
 * @param ref its reference in the batch ({@code epic}, {@code S1}…)
 * @param summary the summary
 * @param issueType the issue type name
 * @param priority the priority name, or {@code null} for the project's default
 * @param labels labels
 * @param components component names
 * @param assignee the assignee, resolved to a real user, or {@code null}
 * @param assigneeHint the name the text suggested, kept when no user matched
 * @param descriptionMarkdown the description, Markdown
 * @param acceptanceCriteria acceptance criteria
 * @param parentRef the {@code ref} of its parent in the batch (the epic), or {@code null}
 * @param parentKey an existing parent issue, or {@code null}
 * @param dependsOn refs it depends on
 * @param complexity S, M or L for breakdown items, else {@code null}
 * @param missingInformation what the reporter should add
 * @param fields values of other fields the create screen asks for, by field id (an option
 * field by its value's name)
 */
public record Draft(@NotBlank @Size(max = 16) String ref, @NotBlank @Size(max = 255) String summary,
		@NotBlank @Size(max = 255) String issueType, @Size(max = 255) String priority,
		@Size(max = 20) List<@NotBlank @Pattern(regexp = "\\S+") String> labels,
		@Size(max = 20) List<@NotBlank String> components, @Valid Person assignee, @Size(max = 255) String assigneeHint,
		@Size(max = 32000) String descriptionMarkdown, @Size(max = 30) List<String> acceptanceCriteria,
		@Size(max = 16) String parentRef, IssueKey parentKey, @Size(max = 12) List<String> dependsOn,
		@Pattern(regexp = "[SML]") String complexity, @Size(max = 20) List<String> missingInformation,
		@Size(max = 30) java.util.Map<String, String> fields) {

	public Draft {
		fields = (fields == null) ? java.util.Map.of() : java.util.Map.copyOf(fields);
		labels = (labels == null) ? List.of() : List.copyOf(labels);
		components = (components == null) ? List.of() : List.copyOf(components);
		acceptanceCriteria = (acceptanceCriteria == null) ? List.of() : List.copyOf(acceptanceCriteria);
		dependsOn = (dependsOn == null) ? List.of() : List.copyOf(dependsOn);
		missingInformation = (missingInformation == null) ? List.of() : List.copyOf(missingInformation);
	}

	/**
	 * A Jira user, shown as a person.
	 *
	 * @param accountId the account id
	 * @param displayName the name
	 */
	public record Person(@NotBlank String accountId, String displayName) {
	}

}

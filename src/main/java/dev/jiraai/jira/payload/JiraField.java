package dev.jiraai.jira.payload;

/**
 * A field of the site, system or custom.
 *
 * @param id its id, e.g. {@code customfield_10050}
 * @param name its name
 * @param custom whether it is a custom field
 * @param schemaType the JSON type of its value ({@code string}, {@code number},
 * {@code option}, {@code array}...), or {@code null} when Jira does not say
 */
public record JiraField(String id, String name, boolean custom, String schemaType) {
}

package dev.jiraai.jira.payload;

import java.util.List;

/**
 * A field of a project's create screen for an issue type, from Jira's create metadata.
 *
 * @param fieldId its id, e.g. {@code priority} or {@code customfield_10050}
 * @param name its name
 * @param required whether an issue cannot be created without it
 * @param schemaType the JSON type of its value ({@code string}, {@code priority},
 * {@code option}, {@code array}...)
 * @param itemsType the type of the items for an array field, else {@code null}
 * @param allowedValues the values it accepts
 * @param restricted whether only {@code allowedValues} are accepted (Jira lists them,
 * possibly none); when not, any value of the type goes
 * @param hasDefaultValue whether Jira fills it when it is left out
 */
public record CreateField(String fieldId, String name, boolean required, String schemaType, String itemsType,
		List<AllowedValue> allowedValues, boolean restricted, boolean hasDefaultValue) {
}

package dev.jiraai.jira.payload;

import java.util.List;

/**
 * A field a transition's screen requires.
 *
 * @param id its id, e.g. {@code resolution}
 * @param name its name
 * @param allowedValues the names of the values it accepts, empty when any value goes
 */
public record TransitionField(String id, String name, List<String> allowedValues) {
}

package dev.jiraai.jira.payload;

import java.util.List;

/**
 * A transition Jira offers for an issue now.
 *
 * @param id its id
 * @param name its name, e.g. {@code Done}
 * @param to the status it leads to
 * @param requiredFields the fields its screen requires
 */
public record Transition(String id, String name, JiraStatus to, List<TransitionField> requiredFields) {
}

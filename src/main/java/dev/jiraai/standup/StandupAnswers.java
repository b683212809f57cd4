package dev.jiraai.standup;

import java.util.List;

import dev.jiraai.jira.IssueKey;

/**
 * The three answers of a stand-up as the user gave them, in the chat or the form.
 *
 * @param yesterday what they did, or {@code null} when skipped
 * @param today what they will do, or {@code null} when skipped
 * @param blockers what blocks them, or {@code null} when skipped
 * @param issueKeys the suggested issues they kept, or {@code null} for none
 */
public record StandupAnswers(String yesterday, String today, String blockers, List<IssueKey> issueKeys) {
}

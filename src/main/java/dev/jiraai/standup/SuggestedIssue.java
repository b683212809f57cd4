package dev.jiraai.standup;

/**
 * An issue suggested for a stand-up answer.
 *
 * @param issueKey its key
 * @param summary its summary
 * @param status its status name
 * @param url where the user opens it
 * @param why why it is suggested, in plain words
 */
public record SuggestedIssue(String issueKey, String summary, String status, String url, String why) {
}

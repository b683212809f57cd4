package dev.jiraai.jira.payload;

import java.util.List;

/**
 * One page of a JQL search.
 *
 * @param issues the issues of this page
 * @param nextPageToken the token of the next page, or {@code null} on the last one
 */
public record SearchPage(List<IssueSummary> issues, String nextPageToken) {

	public boolean isLast() {
		return this.nextPageToken == null;
	}

}

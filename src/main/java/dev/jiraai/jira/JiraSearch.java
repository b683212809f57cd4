package dev.jiraai.jira;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jiraai.jira.payload.IssueSummary;
import dev.jiraai.jira.payload.SearchPage;
import dev.jiraai.tenancy.SiteUser;

import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Service;

/**
 * JQL search through the enhanced search endpoint ({@code POST /rest/api/3/search/jql},
 * paged by {@code nextPageToken}, with explicit fields); never the removed
 * {@code /rest/api/3/search}.
 * <p>
 * Identity: searches shown to a user run as that user, so results are exactly what Jira
 * lets them see ({@link #search}, {@link #searchAll} with a user identity,
 * {@link #myIssues}); background lookups run as the app. Nothing is cached: results
 * depend on the caller and change all the time.
 */
@Service
public class JiraSearch {

	private static final String SEARCH = "/rest/api/3/search/jql";

	/**
	 * The fields of {@link IssueSummary}, asked for explicitly (the endpoint returns only
	 * ids by default).
	 */
	static final List<String> SUMMARY_FIELDS = List.of("summary", "status", "issuetype", "priority", "assignee",
			"updated");

	private final JiraHttp http;

	private final int pageSize;

	JiraSearch(JiraHttp http, JiraProperties properties) {
		this.http = http;
		this.pageSize = properties.searchPageSize();
	}

	/**
	 * One page of a JQL search.
	 * @param nextPageToken the token of the previous page, or {@code null} for the first
	 * @throws JiraException.Rejected when the JQL is invalid (with Jira's message)
	 */
	public SearchPage search(JiraIdentity who, String jql, int maxResults, String nextPageToken) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("jql", jql);
		body.put("fields", SUMMARY_FIELDS);
		body.put("maxResults", Math.max(1, Math.min(maxResults, 100)));
		if (nextPageToken != null) {
			body.put("nextPageToken", nextPageToken);
		}
		JsonNode page = this.http.send("search issues", who, HttpMethod.POST, JiraHttp.uri(SEARCH), body, true);
		List<IssueSummary> issues = new ArrayList<>();
		page.path("issues").forEach(issue -> issues.add(JiraJson.issueSummary(issue)));
		String next = page.path("isLast").asBoolean(false) ? null : JiraJson.text(page, "nextPageToken");
		return new SearchPage(List.copyOf(issues), next);
	}

	/**
	 * Every issue matching the JQL, up to {@code limit}, following {@code nextPageToken}.
	 */
	public List<IssueSummary> searchAll(JiraIdentity who, String jql, int limit) {
		List<IssueSummary> issues = new ArrayList<>();
		String token = null;
		do {
			SearchPage page = search(who, jql, Math.min(this.pageSize, limit - issues.size()), token);
			issues.addAll(page.issues());
			token = page.nextPageToken();
		}
		while (token != null && issues.size() < limit);
		return List.copyOf(issues.subList(0, Math.min(issues.size(), limit)));
	}

	/** The user's own issues, most recently updated first, optionally in one status. */
	public List<IssueSummary> myIssues(SiteUser user, Optional<String> status, int limit) {
		String jql = "assignee = currentUser()"
				+ status.filter(s -> !s.isBlank()).map(s -> " AND status = " + quote(s)).orElse("")
				+ " ORDER BY updated DESC";
		return searchAll(JiraIdentity.of(user), jql, limit);
	}

	/** A JQL string literal: user input never breaks out of its quotes. */
	public static String quote(String value) {
		return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
	}

}

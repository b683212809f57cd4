package dev.jiraai.jira;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jiraai.jira.payload.JiraUser;

import org.springframework.stereotype.Service;

/**
 * Users by account id and display name (never e-mail, which Jira hides for most people):
 * search, assignable users, and the caller themselves. Read as the given identity (the
 * user when the answer is shown to them, since user browsing is a permission), not
 * cached.
 */
@Service
public class JiraUsers {

	private static final String USER_SEARCH = "/rest/api/3/user/search";

	private static final String ALL_USERS = "/rest/api/3/users/search";

	private static final String ASSIGNABLE = "/rest/api/3/user/assignable/search";

	private static final String MYSELF = "/rest/api/3/myself";

	private final JiraHttp http;

	JiraUsers(JiraHttp http) {
		this.http = http;
	}

	/**
	 * Users matching a query on their name; an empty query lists users, page by page.
	 * @param startAt the index of the first user
	 * @param maxResults the page size
	 */
	public List<JiraUser> search(JiraIdentity who, String query, int startAt, int maxResults) {
		boolean listAll = query == null || query.isBlank();
		Map<String, Object> parameters = new LinkedHashMap<>();
		if (!listAll) {
			parameters.put("query", query.strip());
		}
		parameters.put("startAt", startAt);
		parameters.put("maxResults", maxResults);
		JsonNode users = this.http.get("search users", who,
				JiraHttp.uri(listAll ? ALL_USERS : USER_SEARCH, parameters));
		return people(users);
	}

	/**
	 * Users who can be assigned issues of a project, or one issue.
	 * @param projectKey the project, or {@code null} when {@code issueKey} is given
	 * @param issueKey the issue, or {@code null}
	 */
	public List<JiraUser> assignable(JiraIdentity who, ProjectKey projectKey, IssueKey issueKey, String query,
			int maxResults) {
		Map<String, Object> parameters = new LinkedHashMap<>();
		parameters.put("project", (issueKey == null && projectKey != null) ? projectKey.value() : null);
		parameters.put("issueKey", (issueKey != null) ? issueKey.value() : null);
		parameters.put("query", (query == null || query.isBlank()) ? null : query.strip());
		parameters.put("maxResults", maxResults);
		return people(this.http.get("search assignable users", who, JiraHttp.uri(ASSIGNABLE, parameters)));
	}

	/** The calling user, or the app's own user. */
	public JiraUser myself(JiraIdentity who) {
		return JiraJson.user(this.http.get("read myself", who, JiraHttp.uri(MYSELF)));
	}

	/** People only: apps and customers are not assignees or mentions. */
	private static List<JiraUser> people(JsonNode users) {
		List<JiraUser> people = new ArrayList<>();
		users.forEach(user -> {
			if ("atlassian".equals(user.path("accountType").asText("atlassian"))) {
				people.add(JiraJson.user(user));
			}
		});
		return List.copyOf(people);
	}

}

package dev.jiraai.jira;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.jiraai.jira.payload.JiraUser;
import dev.jiraai.tenancy.SiteDataPurgeDue;
import dev.jiraai.tenancy.SiteUser;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/**
 * Users by account id and display name (never e-mail, which Jira hides for most people):
 * search, assignable users, and the caller themselves. Read as the given identity (the
 * user when the answer is shown to them, since user browsing is a permission), not
 * cached, except a user's own time zone ({@link #timeZone}), which decides what "today"
 * is for them on every stand-up call and changes rarely.
 */
@Service
public class JiraUsers {

	private static final String USER_SEARCH = "/rest/api/3/user/search";

	private static final String ALL_USERS = "/rest/api/3/users/search";

	private static final String ASSIGNABLE = "/rest/api/3/user/assignable/search";

	private static final String MYSELF = "/rest/api/3/myself";

	/** How long a user's time zone is kept: a change in Jira shows within this time. */
	private static final long ZONE_TTL_MINUTES = 10;

	private static final Duration ZONE_TTL = Duration.ofMinutes(ZONE_TTL_MINUTES);

	private final JiraHttp http;

	/** Time zones by site and account ({@link JiraIdentity#cacheKey()}). */
	private final Cache<String, ZoneId> zones = Caffeine.newBuilder()
		.expireAfterWrite(ZONE_TTL)
		.maximumSize(50_000)
		.build();

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

	/** The active person with this account id, if the caller may see them. */
	public java.util.Optional<JiraUser> byAccountId(JiraIdentity who, String accountId) {
		JsonNode users = this.http.get("find user", who,
				JiraHttp.uri(USER_SEARCH, Map.of("accountId", accountId, "maxResults", 1)));
		return people(users).stream().findFirst();
	}

	/** The calling user, or the app's own user. */
	public JiraUser myself(JiraIdentity who) {
		return JiraJson.user(this.http.get("read myself", who, JiraHttp.uri(MYSELF)));
	}

	/**
	 * The user's time zone as set in their Jira profile ({@code myself.timeZone}), cached
	 * per site and account for {@value #ZONE_TTL_MINUTES} minutes; UTC when Jira names
	 * none or one the JDK does not know.
	 */
	public ZoneId timeZone(SiteUser user) {
		JiraIdentity who = JiraIdentity.of(user);
		return this.zones.get(who.cacheKey(), key -> {
			String zone = JiraJson.text(this.http.get("read myself", who, JiraHttp.uri(MYSELF)), "timeZone");
			try {
				return (zone == null || zone.isBlank()) ? ZoneOffset.UTC : ZoneId.of(zone);
			}
			catch (DateTimeException ex) {
				return ZoneOffset.UTC;
			}
		});
	}

	@EventListener
	void on(SiteDataPurgeDue event) {
		String prefix = event.clientKey() + "|";
		this.zones.asMap().keySet().removeIf(key -> key.startsWith(prefix));
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

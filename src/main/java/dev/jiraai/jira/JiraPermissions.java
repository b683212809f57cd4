package dev.jiraai.jira;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.springframework.stereotype.Service;

/**
 * The caller's own permissions ({@code GET /rest/api/3/mypermissions}), read as the given
 * identity so that Jira answers for that user. Not cached here: a caller that asks often
 * (the admin check) keeps its own short cache.
 */
@Service
public class JiraPermissions {

	private static final String MY_PERMISSIONS = "/rest/api/3/mypermissions";

	/** Jira's global permission of its administrators ("Administer Jira"). */
	public static final String ADMINISTER = "ADMINISTER";

	private final JiraHttp http;

	JiraPermissions(JiraHttp http) {
		this.http = http;
	}

	/**
	 * Whether the identity holds a global permission.
	 * @param permission a Jira permission key, e.g. {@link #ADMINISTER}
	 */
	public boolean hasGlobal(JiraIdentity who, String permission) {
		JsonNode answer = this.http.get("read my permissions", who,
				JiraHttp.uri(MY_PERMISSIONS, Map.of("permissions", permission)));
		return answer.path("permissions").path(permission).path("havePermission").asBoolean(false);
	}

}

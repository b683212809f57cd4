package dev.jiraai.jira;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jiraai.jira.adf.MarkdownToAdf;
import dev.jiraai.jira.payload.PostedComment;
import dev.jiraai.tenancy.SiteUser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Service;

/**
 * Comments, added as the user (so Jira checks that they may comment, and shows them as
 * the author), written as Markdown and sent as ADF with real {@code mention} nodes for
 * {@code @[Name](accountId)}.
 * <p>
 * A comment is stamped with a client-generated request id (comment property
 * {@value JiraIssues#REQUEST_PROPERTY}): when the response is lost, the issue's latest
 * comments are read to find it instead of posting it twice.
 */
@Service
public class JiraComments {

	private static final Logger logger = LoggerFactory.getLogger(JiraComments.class);

	private static final String COMMENTS = "/rest/api/3/issue/{issueIdOrKey}/comment";

	private static final int RECENT = 20;

	private final JiraHttp http;

	private final MarkdownToAdf markdownToAdf = new MarkdownToAdf();

	JiraComments(JiraHttp http) {
		this.http = http;
	}

	/**
	 * Adds a comment as the user, once.
	 * @param markdown the comment; mentions written {@code @[Name](accountId)}
	 * @throws JiraException.NotFound when the issue does not exist or the user may not
	 * see it
	 * @throws JiraException.Forbidden when the user may not comment
	 */
	public PostedComment add(SiteUser user, String issueKey, String markdown) {
		return add(user, issueKey, (JsonNode) this.markdownToAdf.toAdf(markdown));
	}

	/** Adds a comment already in ADF, as the user, once. */
	public PostedComment add(SiteUser user, String issueKey, JsonNode adf) {
		JiraIdentity who = JiraIdentity.of(user);
		String requestId = UUID.randomUUID().toString();
		Map<String, Object> body = Map.of("body", adf, "properties",
				List.of(Map.of("key", JiraIssues.REQUEST_PROPERTY, "value", Map.of("requestId", requestId))));
		try {
			JsonNode posted = this.http.send("add comment", who, HttpMethod.POST, JiraHttp.uri(COMMENTS, issueKey),
					body, false);
			return new PostedComment(JiraJson.text(posted, "id"), issueKey);
		}
		catch (JiraHttp.OutcomeUnknown ex) {
			Optional<String> existing = findByRequestId(who, issueKey, requestId);
			if (existing.isPresent()) {
				logger.info("Comment on {} lost its response; found it by its request id", issueKey);
				return new PostedComment(existing.get(), issueKey);
			}
			// Comments are read back without an index, so not finding it means it was not
			// added.
			JsonNode posted = this.http.send("add comment", who, HttpMethod.POST, JiraHttp.uri(COMMENTS, issueKey),
					body, false);
			return new PostedComment(JiraJson.text(posted, "id"), issueKey);
		}
	}

	private Optional<String> findByRequestId(JiraIdentity who, String issueKey, String requestId) {
		JsonNode page = this.http.get("list comments", who, JiraHttp.uri(COMMENTS,
				Map.of("orderBy", "-created", "maxResults", RECENT, "expand", "properties"), issueKey));
		for (JsonNode comment : page.path("comments")) {
			for (JsonNode property : comment.path("properties")) {
				if (JiraIssues.REQUEST_PROPERTY.equals(property.path("key").asText())
						&& requestId.equals(property.path("value").path("requestId").asText())) {
					return Optional.of(comment.path("id").asText());
				}
			}
		}
		return Optional.empty();
	}

}

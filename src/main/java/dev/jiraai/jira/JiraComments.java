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
 * A comment is stamped with the caller's request id (comment property
 * {@value JiraIssues#REQUEST_PROPERTY}): when the response is lost, the issue's latest
 * comments are read to find it; it is never posted twice.
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
	 * Adds a comment as the user, once, with a new request id (a one-off write).
	 * @param markdown the comment; mentions written {@code @[Name](accountId)}
	 * @throws JiraException.NotFound when the issue does not exist or the user may not
	 * see it
	 * @throws JiraException.Forbidden when the user may not comment
	 */
	public PostedComment add(SiteUser user, IssueKey issueKey, String markdown) {
		return add(user, issueKey, markdown, UUID.randomUUID().toString());
	}

	/**
	 * Adds a comment as the user, once for this request id.
	 * @throws JiraException.OutcomeUnknown when the answer was lost and the comment is
	 * not (yet) among the issue's comments
	 */
	public PostedComment add(SiteUser user, IssueKey issueKey, String markdown, String requestId) {
		return add(user, issueKey, (JsonNode) this.markdownToAdf.toAdf(markdown), requestId);
	}

	/** Adds a comment already in ADF, as the user, once for this request id. */
	public PostedComment add(SiteUser user, IssueKey issueKey, JsonNode adf, String requestId) {
		JiraIdentity who = JiraIdentity.of(user);
		Map<String, Object> body = Map.of("body", adf, "properties",
				List.of(Map.of("key", JiraIssues.REQUEST_PROPERTY, "value", Map.of("requestId", requestId))));
		try {
			JsonNode posted = this.http.send("add comment", who, HttpMethod.POST,
					JiraHttp.uri(COMMENTS, issueKey.value()), body, false);
			return new PostedComment(JiraJson.text(posted, "id"), issueKey.value());
		}
		catch (JiraHttp.AmbiguousFailure ex) {
			Optional<String> existing;
			try {
				existing = findByRequestId(who, issueKey, requestId);
			}
			catch (JiraException unreachable) {
				throw ex.unresolved(user.site().browseUrl(issueKey.value()));
			}
			if (existing.isEmpty()) {
				// Not sent again: a timed-out request may still be carried out by Jira.
				throw ex.unresolved(user.site().browseUrl(issueKey.value()));
			}
			logger.info("Comment on {} lost its response; found it by its request id", issueKey);
			return new PostedComment(existing.get(), issueKey.value());
		}
	}

	/**
	 * The comment a write with this request id added to the issue, if any (read as the
	 * given identity; comments are read without an index, so this is current).
	 */
	public Optional<PostedComment> find(JiraIdentity who, IssueKey issueKey, String requestId) {
		return findByRequestId(who, issueKey, requestId).map(id -> new PostedComment(id, issueKey.value()));
	}

	private Optional<String> findByRequestId(JiraIdentity who, IssueKey issueKey, String requestId) {
		JsonNode page = this.http.get("list comments", who, JiraHttp.uri(COMMENTS,
				Map.of("orderBy", "-created", "maxResults", RECENT, "expand", "properties"), issueKey.value()));
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

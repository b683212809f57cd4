package dev.jiraai.chat.proposals;

import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jiraai.confirm.ProposalHandler;
import dev.jiraai.jira.JiraComments;
import dev.jiraai.jira.JiraException;
import dev.jiraai.jira.JiraIdentity;
import dev.jiraai.jira.JiraIssues;
import dev.jiraai.jira.NotVisible;
import dev.jiraai.jira.payload.PostedComment;
import dev.jiraai.tenancy.Site;
import dev.jiraai.tenancy.SiteUser;

import org.springframework.stereotype.Component;

/**
 * Posts a confirmed {@code chat.comment} as the confirming user, in ADF with real mention
 * nodes, once: the comment carries the proposal's request id as a comment property, and a
 * retry or the reconciler looks for it among the issue's latest comments before anything
 * is posted again.
 */
@Component
class CommentWrites implements ProposalHandler<CommentPayload> {

	private static final ObjectMapper json = new ObjectMapper();

	private final JiraComments comments;

	private final JiraIssues issues;

	CommentWrites(JiraComments comments, JiraIssues issues) {
		this.comments = comments;
		this.issues = issues;
	}

	@Override
	public String kind() {
		return CommentPayload.KIND;
	}

	@Override
	public Class<CommentPayload> payloadType() {
		return CommentPayload.class;
	}

	/** The issue must still be one the user sees: a comment on it would be refused. */
	@Override
	public void check(SiteUser user, CommentPayload payload) {
		try {
			this.issues.version(JiraIdentity.of(user), payload.issueKey());
		}
		catch (JiraException.NotFound | JiraException.Forbidden ex) {
			throw NotVisible.issue(payload.issueKey(), ex);
		}
	}

	@Override
	public Outcome execute(SiteUser user, CommentPayload payload, Attempt attempt) {
		String requestId = attempt.requestId(CommentPayload.KIND);
		Optional<PostedComment> earlier = attempt.retry()
				? this.comments.find(JiraIdentity.of(user), payload.issueKey(), requestId) : Optional.empty();
		return posted(user.site(),
				earlier.orElseGet(() -> this.comments.add(user, payload.issueKey(), payload.body(), requestId)));
	}

	@Override
	public Outcome reconcile(Site site, CommentPayload payload, Attempt attempt) {
		try {
			return this.comments
				.find(JiraIdentity.app(site), payload.issueKey(), attempt.requestId(CommentPayload.KIND))
				.map(posted -> posted(site, posted))
				.orElseGet(() -> Outcome.nothingWritten(payload.issueKey().value()));
		}
		catch (JiraException ex) {
			return Outcome.unknown(payload.issueKey().value());
		}
	}

	private static Outcome posted(Site site, PostedComment posted) {
		return new Outcome(
				json.createObjectNode()
					.put("issueKey", posted.issueKey())
					.put("commentId", posted.id())
					.put("url", site.browseUrl(posted.issueKey()) + "?focusedCommentId=" + posted.id()),
				posted.issueKey(), "Commented on %s for the AI Assistant".formatted(posted.issueKey()));
	}

}

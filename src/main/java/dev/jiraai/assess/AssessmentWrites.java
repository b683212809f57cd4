package dev.jiraai.assess;

import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jiraai.confirm.InvalidProposalPayload;
import dev.jiraai.confirm.ProposalHandler;
import dev.jiraai.jira.InvalidKey;
import dev.jiraai.jira.IssueKey;
import dev.jiraai.jira.JiraComments;
import dev.jiraai.jira.JiraIdentity;
import dev.jiraai.jira.JiraIssues;
import dev.jiraai.jira.payload.IssueEdit;
import dev.jiraai.jira.payload.PostedComment;
import dev.jiraai.tenancy.Site;
import dev.jiraai.tenancy.SiteUser;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The writes an assessment can lead to, each carried out as the confirming user only
 * after confirmation: posting the assessment as a comment, applying the improved
 * description, and restoring the description it replaced.
 */
@Configuration(proxyBeanMethods = false)
class AssessmentWrites {

	static final String COMMENT = "assess.comment";

	static final String APPLY_DESCRIPTION = "assess.apply-description";

	static final String RESTORE_DESCRIPTION = "assess.restore-description";

	/** Jira refuses larger text fields; a model answer this long is not a description. */
	static final int MAX_MARKDOWN = 32_000;

	private static final ObjectMapper json = new ObjectMapper();

	@Bean
	ProposalHandler assessmentComment(JiraComments comments) {
		return markdownWrite(COMMENT, new MarkdownWrite() {
			@Override
			public ProposalHandler.Outcome write(SiteUser user, IssueKey issueKey, String markdown, String requestId,
					boolean retry) {
				Optional<PostedComment> earlier = retry ? comments.find(JiraIdentity.of(user), issueKey, requestId)
						: Optional.empty();
				return posted(user.site(), earlier.orElseGet(() -> comments.add(user, issueKey, markdown, requestId)));
			}

			@Override
			public Optional<ProposalHandler.Outcome> find(Site site, IssueKey issueKey, String requestId) {
				return comments.find(JiraIdentity.app(site), issueKey, requestId).map(posted -> posted(site, posted));
			}
		});
	}

	private static ProposalHandler.Outcome posted(Site site, PostedComment posted) {
		return new ProposalHandler.Outcome(result(site, posted.issueKey()).put("commentId", posted.id()),
				posted.issueKey(), "Posted the AI assessment of %s as a comment".formatted(posted.issueKey()));
	}

	@Bean
	ProposalHandler assessmentApplyDescription(JiraIssues issues) {
		return markdownWrite(APPLY_DESCRIPTION, new MarkdownWrite() {
			@Override
			public ProposalHandler.Outcome write(SiteUser user, IssueKey issueKey, String markdown, String requestId,
					boolean retry) {
				if (!retry || !issues.wasEdited(JiraIdentity.of(user), issueKey, requestId)) {
					issues.edit(user, issueKey, IssueEdit.description(markdown), requestId);
				}
				return applied(user.site(), issueKey);
			}

			@Override
			public Optional<ProposalHandler.Outcome> find(Site site, IssueKey issueKey, String requestId) {
				return issues.wasEdited(JiraIdentity.app(site), issueKey, requestId)
						? Optional.of(applied(site, issueKey)) : Optional.empty();
			}
		});
	}

	private static ProposalHandler.Outcome applied(Site site, IssueKey issueKey) {
		return new ProposalHandler.Outcome(result(site, issueKey.value()), issueKey.value(),
				"Applied the AI-improved description to %s (previous one kept)".formatted(issueKey));
	}

	/** Writes Markdown to an issue, and finds such a write again by its request id. */
	interface MarkdownWrite {

		ProposalHandler.Outcome write(SiteUser user, IssueKey issueKey, String markdown, String requestId,
				boolean retry);

		Optional<ProposalHandler.Outcome> find(Site site, IssueKey issueKey, String requestId);

	}

	/** A handler of payloads {@code {issueKey, markdown}}, both required. */
	private static ProposalHandler markdownWrite(String kind, MarkdownWrite write) {
		return new ProposalHandler() {
			@Override
			public String kind() {
				return kind;
			}

			@Override
			public void validate(SiteUser user, JsonNode payload) {
				issueKey(payload);
				requireText(payload, "markdown", MAX_MARKDOWN);
			}

			@Override
			public Outcome execute(SiteUser user, JsonNode payload, Attempt attempt) {
				return write.write(user, issueKey(payload), payload.path("markdown").asText(), attempt.requestId(kind),
						attempt.retry());
			}

			@Override
			public Outcome reconcile(Site site, JsonNode payload, Attempt attempt) {
				IssueKey issueKey = issueKey(payload);
				return write.find(site, issueKey, attempt.requestId(kind))
					.orElseGet(() -> Outcome.nothingWritten(issueKey.value()));
			}
		};
	}

	@Bean
	ProposalHandler assessmentRestoreDescription(JiraIssues issues) {
		return new ProposalHandler() {
			@Override
			public String kind() {
				return RESTORE_DESCRIPTION;
			}

			@Override
			public void validate(SiteUser user, JsonNode payload) {
				issueKey(payload);
				if (!payload.path("description").isObject()) {
					throw new InvalidProposalPayload("The description to restore is missing");
				}
			}

			@Override
			public Outcome execute(SiteUser user, JsonNode payload, Attempt attempt) {
				IssueKey issueKey = issueKey(payload);
				String requestId = attempt.requestId(RESTORE_DESCRIPTION);
				if (!attempt.retry() || !issues.wasEdited(JiraIdentity.of(user), issueKey, requestId)) {
					issues.edit(user, issueKey, new IssueEdit(null, null, null, null, null, null,
							Map.of("description", payload.path("description"))), requestId);
				}
				return restored(user.site(), issueKey);
			}

			@Override
			public Outcome reconcile(Site site, JsonNode payload, Attempt attempt) {
				IssueKey issueKey = issueKey(payload);
				return issues.wasEdited(JiraIdentity.app(site), issueKey, attempt.requestId(RESTORE_DESCRIPTION))
						? restored(site, issueKey) : Outcome.nothingWritten(issueKey.value());
			}
		};
	}

	private static ProposalHandler.Outcome restored(Site site, IssueKey issueKey) {
		return new ProposalHandler.Outcome(result(site, issueKey.value()), issueKey.value(),
				"Restored the description of %s from before the AI change".formatted(issueKey));
	}

	private static ObjectNode result(Site site, String issueKey) {
		ObjectNode result = json.createObjectNode();
		result.put("issueKey", issueKey);
		result.put("url", site.browseUrl(issueKey).toString());
		return result;
	}

	private static IssueKey issueKey(JsonNode payload) {
		requireText(payload, "issueKey", 64);
		try {
			return IssueKey.of(payload.path("issueKey").asText());
		}
		catch (InvalidKey ex) {
			throw new InvalidProposalPayload("'issueKey' must be " + ex.expected());
		}
	}

	private static void requireText(JsonNode payload, String field, int maxLength) {
		String value = payload.path(field).asText("");
		if (value.isBlank()) {
			throw new InvalidProposalPayload("'%s' is required".formatted(field));
		}
		if (value.length() > maxLength) {
			throw new InvalidProposalPayload("'%s' is longer than %d characters".formatted(field, maxLength));
		}
	}

}

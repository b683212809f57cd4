package dev.jiraai.assess;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jiraai.confirm.InvalidProposalPayload;
import dev.jiraai.confirm.ProposalHandler;
import dev.jiraai.jira.IssueKey;
import dev.jiraai.jira.JiraComments;
import dev.jiraai.jira.JiraIdentity;
import dev.jiraai.jira.JiraIssues;
import dev.jiraai.jira.payload.IssueEdit;
import dev.jiraai.jira.payload.PostedComment;
import dev.jiraai.tenancy.Site;
import dev.jiraai.tenancy.SiteUser;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

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

	private static final String REQUIRED = "is required";

	private static final String TOO_LONG = "is longer than {max} characters";

	private static final ObjectMapper json = new ObjectMapper();

	/** A payload that writes Markdown to an issue. */
	interface MarkdownPayload {

		IssueKey issueKey();

		String markdown();

	}

	/**
	 * {@code assess.comment}: the assessment, as the comment to post.
	 *
	 * @param issueKey the issue
	 * @param assessmentId the assessment it is from
	 * @param markdown the comment
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record Comment(@NotNull(message = REQUIRED) IssueKey issueKey, UUID assessmentId,
			@NotBlank(message = REQUIRED) @Size(max = MAX_MARKDOWN, message = TOO_LONG) String markdown)
			implements
				MarkdownPayload {
	}

	/**
	 * {@code assess.apply-description}: the improved description, with the one it
	 * replaces kept for restoring.
	 *
	 * @param issueKey the issue
	 * @param assessmentId the assessment it is from
	 * @param markdown the description to set
	 * @param previousDescription the description it replaces (ADF), or {@code null}
	 * @param previousMarkdown the same as Markdown, for showing
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record ApplyDescription(@NotNull(message = REQUIRED) IssueKey issueKey, UUID assessmentId,
			@NotBlank(message = REQUIRED) @Size(max = MAX_MARKDOWN, message = TOO_LONG) String markdown,
			JsonNode previousDescription, String previousMarkdown) implements MarkdownPayload {
	}

	/**
	 * {@code assess.restore-description}: the description an applied one replaced.
	 *
	 * @param issueKey the issue
	 * @param assessmentId the assessment whose description is undone
	 * @param description the description to set again (ADF)
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record RestoreDescription(@NotNull(message = REQUIRED) IssueKey issueKey, UUID assessmentId, JsonNode description) {
	}

	@Bean
	ProposalHandler<Comment> assessmentComment(JiraComments comments) {
		return markdownWrite(COMMENT, Comment.class, new MarkdownWrite() {
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
	ProposalHandler<ApplyDescription> assessmentApplyDescription(JiraIssues issues) {
		return markdownWrite(APPLY_DESCRIPTION, ApplyDescription.class, new MarkdownWrite() {
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

	/** A handler of payloads that write Markdown to an issue. */
	private static <P extends MarkdownPayload> ProposalHandler<P> markdownWrite(String kind, Class<P> type,
			MarkdownWrite write) {
		return new ProposalHandler<>() {
			@Override
			public String kind() {
				return kind;
			}

			@Override
			public Class<P> payloadType() {
				return type;
			}

			@Override
			public Outcome execute(SiteUser user, P payload, Attempt attempt) {
				return write.write(user, payload.issueKey(), payload.markdown(), attempt.requestId(kind),
						attempt.retry());
			}

			@Override
			public Outcome reconcile(Site site, P payload, Attempt attempt) {
				return write.find(site, payload.issueKey(), attempt.requestId(kind))
					.orElseGet(() -> Outcome.nothingWritten(payload.issueKey().value()));
			}
		};
	}

	@Bean
	ProposalHandler<RestoreDescription> assessmentRestoreDescription(JiraIssues issues) {
		return new ProposalHandler<>() {
			@Override
			public String kind() {
				return RESTORE_DESCRIPTION;
			}

			@Override
			public Class<RestoreDescription> payloadType() {
				return RestoreDescription.class;
			}

			@Override
			public void check(SiteUser user, RestoreDescription payload) {
				if (payload.description() == null || !payload.description().isObject()) {
					throw new InvalidProposalPayload("The description to restore is missing");
				}
			}

			@Override
			public Outcome execute(SiteUser user, RestoreDescription payload, Attempt attempt) {
				String requestId = attempt.requestId(RESTORE_DESCRIPTION);
				if (!attempt.retry() || !issues.wasEdited(JiraIdentity.of(user), payload.issueKey(), requestId)) {
					issues.edit(user, payload.issueKey(), new IssueEdit(null, null, null, null, null, null,
							Map.of("description", payload.description())), requestId);
				}
				return restored(user.site(), payload.issueKey());
			}

			@Override
			public Outcome reconcile(Site site, RestoreDescription payload, Attempt attempt) {
				return issues.wasEdited(JiraIdentity.app(site), payload.issueKey(),
						attempt.requestId(RESTORE_DESCRIPTION)) ? restored(site, payload.issueKey())
								: Outcome.nothingWritten(payload.issueKey().value());
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

}

package dev.jiraai.standup;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jiraai.confirm.InvalidProposalPayload;
import dev.jiraai.confirm.ProposalHandler;
import dev.jiraai.jira.JiraComments;
import dev.jiraai.jira.JiraException;
import dev.jiraai.jira.JiraIdentity;
import dev.jiraai.jira.JiraIssues;
import dev.jiraai.jira.JiraMetadata;
import dev.jiraai.jira.payload.IssueEdit;
import dev.jiraai.jira.payload.JiraField;
import dev.jiraai.jira.payload.PostedComment;
import dev.jiraai.tenancy.Site;
import dev.jiraai.tenancy.SiteUser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Posts a confirmed stand-up's comments as the user, each once: every comment carries its
 * own request id (the same in every attempt), and a retry looks for it on the issue
 * before posting.
 * <p>
 * The answer lists what was {@code posted} (with links), what Jira {@code refused} (the
 * user may not see or comment on the issue: reported, never retried), what {@code failed}
 * for a reason that may pass (PARTIAL: confirming again posts only those) and what Jira
 * may have posted without saying so ({@code uncertain}, looked up later).
 * <p>
 * A comment with {@code flag} gives its issue Jira's "Flagged" impediment once it is
 * posted (the field found by name, set to {@code Impediment} as the user, an idempotent
 * edit with its own request id); a flag Jira refuses is reported on the posted comment
 * ({@code flagged: false} and {@code flagError}), not retried.
 */
@Component
class StandupPostWrites implements ProposalHandler<StandupPost> {

	private static final Logger logger = LoggerFactory.getLogger(StandupPostWrites.class);

	private static final ObjectMapper json = new ObjectMapper();

	/** The name of Jira Software's impediment field, and its one option. */
	static final String FLAGGED = "Flagged";

	private static final String IMPEDIMENT = "Impediment";

	private final JiraComments comments;

	private final JiraIssues issues;

	private final JiraMetadata metadata;

	StandupPostWrites(JiraComments comments, JiraIssues issues, JiraMetadata metadata) {
		this.comments = comments;
		this.issues = issues;
		this.metadata = metadata;
	}

	@Override
	public String kind() {
		return StandupPost.KIND;
	}

	@Override
	public Class<StandupPost> payloadType() {
		return StandupPost.class;
	}

	/** One comment per issue and per id: an edit that repeats one would post twice. */
	@Override
	public void check(SiteUser user, StandupPost payload) {
		Set<String> ids = new HashSet<>();
		Set<String> keys = new HashSet<>();
		for (StandupPost.Comment comment : payload.comments()) {
			if (!ids.add(comment.id())) {
				throw new InvalidProposalPayload("'comments' holds the id '%s' twice".formatted(comment.id()));
			}
			if (!keys.add(comment.issueKey().value())) {
				throw new InvalidProposalPayload(
						"'comments' holds two comments on %s; one per issue".formatted(comment.issueKey()));
			}
			if (comment.flag() && !comment.blocked()) {
				throw new InvalidProposalPayload(
						"'flag' of the comment on %s is only for a comment that carries the blocker"
							.formatted(comment.issueKey()));
			}
		}
	}

	@Override
	public Outcome execute(SiteUser user, StandupPost payload, Attempt attempt) {
		Progress progress = new Progress(user.site(), attempt.previous());
		RuntimeException firstFailure = null;
		for (StandupPost.Comment comment : payload.comments()) {
			if (progress.settled(comment)) {
				continue;
			}
			String requestId = attempt.requestId(comment.id());
			try {
				Optional<PostedComment> earlier = attempt.retry()
						? this.comments.find(JiraIdentity.of(user), comment.issueKey(), requestId) : Optional.empty();
				PostedComment written = earlier
					.orElseGet(() -> this.comments.add(user, comment.issueKey(), comment.body(), requestId));
				progress.posted(comment, written, comment.flag() ? flag(user, comment, attempt) : null);
			}
			catch (JiraException.NotFound | JiraException.Forbidden ex) {
				progress.refused(comment, "You may not comment on %s.".formatted(comment.issueKey()));
			}
			catch (JiraException.OutcomeUnknown ex) {
				progress.uncertain(comment, ex.checkUrl().toString());
			}
			catch (RuntimeException ex) {
				logger.warn("Stand-up comment on {} failed: {}", comment.issueKey(), ex.getMessage());
				progress.failed(comment, ex.getMessage());
				firstFailure = (firstFailure == null) ? ex : firstFailure;
			}
		}
		if (firstFailure != null && progress.nothingWritten() && progress.refusedNone()) {
			// Nothing happened: the proposal is FAILED and can be confirmed again; the
			// confirm answers Jira's own failure.
			throw firstFailure;
		}
		return progress.outcome();
	}

	@Override
	public Outcome reconcile(Site site, StandupPost payload, Attempt attempt) {
		Progress progress = new Progress(site, attempt.previous());
		try {
			for (StandupPost.Comment comment : payload.comments()) {
				if (!progress.settled(comment)) {
					Optional<PostedComment> found = this.comments.find(JiraIdentity.app(site), comment.issueKey(),
							attempt.requestId(comment.id()));
					if (found.isPresent()) {
						boolean flagged = comment.flag() && this.issues.wasEdited(JiraIdentity.app(site),
								comment.issueKey(), attempt.requestId(comment.id() + "/flag"));
						progress.posted(comment, found.get(), (comment.flag() && !flagged)
								? "Not flagged: the app was interrupted; set Flagged on the issue in Jira" : null);
					}
					else {
						progress.failed(comment, "Jira did not post it; confirm again to post it");
					}
				}
			}
		}
		catch (JiraException ex) {
			return Outcome.unknown(String.join(",", progress.keys()));
		}
		return (progress.nothingWritten() && progress.refusedNone()) ? Outcome.nothingWritten("standup")
				: progress.outcome();
	}

	/**
	 * Flags the comment's issue as an impediment, as the user.
	 * @return why it is not flagged, or {@code null} when it is
	 */
	private String flag(SiteUser user, StandupPost.Comment comment, Attempt attempt) {
		Optional<JiraField> field = this.metadata.fields(user.site())
			.stream()
			.filter(candidate -> candidate.custom() && FLAGGED.equals(candidate.name()))
			.findFirst();
		if (field.isEmpty()) {
			return "This site has no Flagged field, so %s is not flagged.".formatted(comment.issueKey());
		}
		IssueEdit edit = new IssueEdit(null, null, null, null, null, null,
				Map.of(field.get().id(), List.of(Map.of("value", IMPEDIMENT))));
		try {
			this.issues.edit(user, comment.issueKey(), edit, attempt.requestId(comment.id() + "/flag"));
			return null;
		}
		catch (JiraException.NotFound | JiraException.Forbidden ex) {
			return "You may not edit %s, so it is not flagged.".formatted(comment.issueKey());
		}
		catch (RuntimeException ex) {
			logger.warn("Flagging {} after its stand-up comment failed: {}", comment.issueKey(), ex.getMessage());
			return "%s could not be flagged: %s".formatted(comment.issueKey(), ex.getMessage());
		}
	}

	/** What exists of a stand-up's comments and what became of the others. */
	private static final class Progress {

		private final Site site;

		private final Set<String> done = new HashSet<>();

		private final ArrayNode posted = json.createArrayNode();

		private final ArrayNode refused = json.createArrayNode();

		private final ArrayNode failed = json.createArrayNode();

		private final ArrayNode uncertain = json.createArrayNode();

		Progress(Site site, JsonNode previous) {
			this.site = site;
			if (previous != null) {
				previous.path("posted").forEach(entry -> {
					this.posted.add(entry.deepCopy());
					this.done.add(entry.path("id").asText());
				});
				previous.path("refused").forEach(entry -> {
					this.refused.add(entry.deepCopy());
					this.done.add(entry.path("id").asText());
				});
			}
		}

		boolean settled(StandupPost.Comment comment) {
			return this.done.contains(comment.id());
		}

		/** A posted comment; {@code flagError} says why a wanted flag is missing. */
		void posted(StandupPost.Comment comment, PostedComment written, String flagError) {
			this.done.add(comment.id());
			ObjectNode entry = this.posted.addObject()
				.put("id", comment.id())
				.put("issueKey", written.issueKey())
				.put("commentId", written.id())
				.put("url", this.site.browseUrl(written.issueKey()) + "?focusedCommentId=" + written.id())
				.put("flagged", comment.flag() && flagError == null);
			if (flagError != null) {
				entry.put("flagError", flagError);
			}
		}

		void refused(StandupPost.Comment comment, String reason) {
			this.done.add(comment.id());
			this.refused.addObject()
				.put("id", comment.id())
				.put("issueKey", comment.issueKey().value())
				.put("reason", reason);
		}

		void failed(StandupPost.Comment comment, String error) {
			this.failed.addObject()
				.put("id", comment.id())
				.put("issueKey", comment.issueKey().value())
				.put("error", error);
		}

		void uncertain(StandupPost.Comment comment, String checkUrl) {
			this.uncertain.addObject()
				.put("id", comment.id())
				.put("issueKey", comment.issueKey().value())
				.put("checkUrl", checkUrl);
		}

		boolean nothingWritten() {
			return this.posted.isEmpty() && this.uncertain.isEmpty();
		}

		boolean refusedNone() {
			return this.refused.isEmpty();
		}

		List<String> keys() {
			List<String> keys = new ArrayList<>();
			this.posted.forEach(entry -> keys.add(entry.path("issueKey").asText()));
			return keys;
		}

		Outcome outcome() {
			ObjectNode result = json.createObjectNode();
			result.set("posted", this.posted);
			result.set("refused", this.refused);
			result.set("failed", this.failed);
			result.set("uncertain", this.uncertain);
			if (!this.uncertain.isEmpty()) {
				result.put("checkUrl", this.uncertain.get(0).path("checkUrl").asText());
			}
			Status status = !this.uncertain.isEmpty() ? Status.UNKNOWN
					: this.failed.isEmpty() ? Status.DONE : Status.PARTIAL;
			List<String> keys = keys();
			String summary = "Posted the stand-up on %s%s%s".formatted(
					keys.isEmpty() ? "no issue" : String.join(", ", keys),
					this.refused.isEmpty() ? "" : " (%d refused by Jira)".formatted(this.refused.size()),
					this.failed.isEmpty() ? "" : " (%d not posted yet)".formatted(this.failed.size()));
			return new Outcome(status, result, String.join(",", keys), summary);
		}

	}

}

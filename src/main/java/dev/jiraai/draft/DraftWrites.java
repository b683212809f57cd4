package dev.jiraai.draft;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jiraai.confirm.ProposalHandler;
import dev.jiraai.jira.IssueKey;
import dev.jiraai.jira.JiraException;
import dev.jiraai.jira.JiraIdentity;
import dev.jiraai.jira.JiraIssues;
import dev.jiraai.jira.ProjectKey;
import dev.jiraai.jira.payload.CreatedIssue;
import dev.jiraai.tenancy.Site;
import dev.jiraai.tenancy.SiteUser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Creates the confirmed drafts in Jira as the user: a breakdown's epic first, then its
 * stories and tasks with the epic as their parent. Each draft's create carries its own
 * request id, the same in every attempt, so a retry creates only what does not exist yet.
 * <p>
 * The answer says exactly which issues exist ({@code issues}), which failed and why
 * ({@code failed}: confirm again to retry only those; a child whose parent was not
 * created waits for it), and which Jira may have created without saying so
 * ({@code uncertain}, with a link to check; looked up again later, never created twice).
 */
@Component
class DraftWrites implements ProposalHandler<DraftPayload> {

	private static final Logger logger = LoggerFactory.getLogger(DraftWrites.class);

	private static final ObjectMapper json = new ObjectMapper();

	private final JiraIssues issues;

	private final DraftChecks checks;

	DraftWrites(JiraIssues issues, DraftChecks checks) {
		this.issues = issues;
		this.checks = checks;
	}

	@Override
	public String kind() {
		return DraftService.CREATE;
	}

	@Override
	public Class<DraftPayload> payloadType() {
		return DraftPayload.class;
	}

	@Override
	public void check(SiteUser user, DraftPayload payload) {
		this.checks.check(user, payload);
	}

	@Override
	public Outcome execute(SiteUser user, DraftPayload payload, Attempt attempt) {
		ProjectKey projectKey = payload.projectKey();
		Progress progress = new Progress(user.site(), attempt.previous());
		for (Draft draft : payload.drafts()) {
			if (progress.created(draft.ref())) {
				continue;
			}
			IssueKey parent = (draft.parentRef() != null) ? progress.keyOf(draft.parentRef()) : draft.parentKey();
			if (draft.parentRef() != null && parent == null) {
				progress.failed(draft, "Not created yet: its parent '%s' was not created".formatted(draft.parentRef()));
				continue;
			}
			String requestId = attempt.requestId(draft.ref());
			try {
				Optional<CreatedIssue> earlier = attempt.retry()
						? this.issues.findCreated(JiraIdentity.of(user), requestId) : Optional.empty();
				progress.add(draft, earlier.orElseGet(
						() -> this.issues.create(user, DraftChecks.newIssue(projectKey, draft, parent), requestId)));
			}
			catch (JiraException.OutcomeUnknown ex) {
				progress.uncertain(draft, ex.checkUrl().toString());
			}
			catch (RuntimeException ex) {
				if (progress.nothingExists()) {
					throw ex;
				}
				logger.warn("Draft '{}' of a confirmed batch in {} failed: {}", draft.ref(), projectKey,
						ex.getMessage());
				progress.failed(draft, ex.getMessage());
			}
		}
		return progress.outcome(projectKey);
	}

	@Override
	public Outcome reconcile(Site site, DraftPayload payload, Attempt attempt) {
		ProjectKey projectKey = payload.projectKey();
		Progress progress = new Progress(site, attempt.previous());
		for (Draft draft : payload.drafts()) {
			if (!progress.created(draft.ref())) {
				Optional<CreatedIssue> found = this.issues.findCreated(JiraIdentity.app(site),
						attempt.requestId(draft.ref()));
				if (found.isPresent()) {
					progress.add(draft, found.get());
				}
				else {
					progress.failed(draft, "Jira did not create it; confirm again to create it");
				}
			}
		}
		return progress.nothingExists() ? Outcome.nothingWritten(projectKey.value()) : progress.outcome(projectKey);
	}

	/** The issues of a batch that exist, and what became of the others. */
	private static final class Progress {

		private final Site site;

		private final Map<String, String> keysByRef = new HashMap<>();

		private final ArrayNode created = json.createArrayNode();

		private final ArrayNode failed = json.createArrayNode();

		private final ArrayNode uncertain = json.createArrayNode();

		Progress(Site site, JsonNode previous) {
			this.site = site;
			if (previous != null) {
				previous.path("issues").forEach(issue -> {
					this.created.add(issue.deepCopy());
					this.keysByRef.put(issue.path("ref").asText(), issue.path("key").asText());
				});
			}
		}

		boolean created(String ref) {
			return this.keysByRef.containsKey(ref);
		}

		/** The key of the created issue of a ref, or {@code null}. */
		IssueKey keyOf(String ref) {
			String key = this.keysByRef.get(ref);
			return (key != null) ? IssueKey.of(key) : null;
		}

		boolean nothingExists() {
			return this.created.isEmpty() && this.uncertain.isEmpty();
		}

		void add(Draft draft, CreatedIssue issue) {
			this.keysByRef.put(draft.ref(), issue.key());
			this.created.addObject()
				.put("ref", draft.ref())
				.put("key", issue.key())
				.put("url", this.site.browseUrl(issue.key()).toString());
		}

		void failed(Draft draft, String error) {
			this.failed.addObject().put("ref", draft.ref()).put("summary", draft.summary()).put("error", error);
		}

		void uncertain(Draft draft, String checkUrl) {
			this.uncertain.addObject()
				.put("ref", draft.ref())
				.put("summary", draft.summary())
				.put("checkUrl", checkUrl);
		}

		Outcome outcome(ProjectKey projectKey) {
			ObjectNode result = json.createObjectNode();
			result.set("issues", this.created);
			result.set("failed", this.failed);
			result.set("uncertain", this.uncertain);
			if (!this.uncertain.isEmpty()) {
				result.put("checkUrl", this.uncertain.get(0).path("checkUrl").asText());
			}
			List<String> keys = new ArrayList<>();
			this.created.forEach(issue -> keys.add(issue.path("key").asText()));
			Status status = !this.uncertain.isEmpty() ? Status.UNKNOWN
					: this.failed.isEmpty() ? Status.DONE : Status.PARTIAL;
			String summary = "Created %s in %s from a draft%s%s".formatted(
					keys.isEmpty() ? "nothing" : String.join(", ", keys), projectKey,
					this.failed.isEmpty() ? "" : " (%d not created)".formatted(this.failed.size()),
					this.uncertain.isEmpty() ? "" : " (%d uncertain)".formatted(this.uncertain.size()));
			return new Outcome(status, result, String.join(",", keys), summary);
		}

	}

}

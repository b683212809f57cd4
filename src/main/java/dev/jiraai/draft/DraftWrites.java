package dev.jiraai.draft;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jiraai.confirm.ProposalHandler;
import dev.jiraai.jira.JiraIssues;
import dev.jiraai.jira.payload.CreatedIssue;
import dev.jiraai.tenancy.SiteUser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Creates the confirmed drafts in Jira as the user: a breakdown's epic first, then its
 * stories and tasks with the epic as their parent. If a later issue fails, the ones
 * created stay and the answer says which failed (the first failing means nothing was
 * created, and the proposal fails).
 */
@Component
class DraftWrites implements ProposalHandler {

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
	public void validate(SiteUser user, JsonNode payload) {
		this.checks.check(user, payload);
	}

	@Override
	public Outcome execute(SiteUser user, JsonNode payload) {
		String projectKey = DraftChecks.projectKey(payload);
		List<Draft> drafts = DraftChecks.drafts(payload);
		Map<String, String> keysByRef = new HashMap<>();
		ArrayNode created = json.createArrayNode();
		ArrayNode failed = json.createArrayNode();
		for (Draft draft : drafts) {
			String parent = draft.parentRef() != null ? keysByRef.get(draft.parentRef()) : draft.parentKey();
			try {
				CreatedIssue issue = this.issues.create(user, DraftChecks.newIssue(projectKey, draft, parent));
				keysByRef.put(draft.ref(), issue.key());
				created.addObject().put("ref", draft.ref()).put("key", issue.key()).put("url", issue.url().toString());
			}
			catch (RuntimeException ex) {
				if (created.isEmpty()) {
					throw ex;
				}
				logger.warn("Created {} of {} drafted issues; '{}' failed: {}", created.size(), drafts.size(),
						draft.ref(), ex.getMessage());
				failed.addObject()
					.put("ref", draft.ref())
					.put("summary", draft.summary())
					.put("error", ex.getMessage());
			}
		}
		ObjectNode result = json.createObjectNode();
		result.set("issues", created);
		result.set("failed", failed);
		List<String> keys = new java.util.ArrayList<>();
		created.forEach(issue -> keys.add(issue.path("key").asText()));
		return new Outcome(result, String.join(",", keys), "Created %s in %s from a draft%s".formatted(
				String.join(", ", keys), projectKey, failed.isEmpty() ? "" : " (%d failed)".formatted(failed.size())));
	}

}

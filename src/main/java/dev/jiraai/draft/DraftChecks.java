package dev.jiraai.draft;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jiraai.confirm.InvalidProposalPayload;
import dev.jiraai.jira.InvalidKey;
import dev.jiraai.jira.IssueKey;
import dev.jiraai.jira.IssueNotCreatable;
import dev.jiraai.jira.JiraIssues;
import dev.jiraai.jira.ProjectKey;
import dev.jiraai.jira.payload.NewIssue;
import dev.jiraai.tenancy.SiteUser;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import org.springframework.stereotype.Component;

/**
 * Reads and checks a draft proposal's payload ({@code projectKey} and {@code drafts}):
 * its shape with Bean Validation, its batch structure (refs, parents, dependencies), and
 * each issue against the project's create metadata, so a missing required field is an
 * inline error before anything is sent to Jira.
 */
@Component
class DraftChecks {

	static final int MAX_DRAFTS = 13;

	private static final ObjectMapper json = new ObjectMapper();

	private final JiraIssues issues;

	private final Validator validator;

	DraftChecks(JiraIssues issues, Validator validator) {
		this.issues = issues;
		this.validator = validator;
	}

	static ObjectNode payload(ProjectKey projectKey, List<Draft> drafts) {
		ObjectNode payload = json.createObjectNode();
		payload.put("projectKey", projectKey.value());
		payload.set("drafts", json.valueToTree(drafts));
		return payload;
	}

	static ProjectKey projectKey(JsonNode payload) {
		try {
			return ProjectKey.of(payload.path("projectKey").asText(""));
		}
		catch (InvalidKey ex) {
			throw new InvalidProposalPayload("'projectKey' must be a project key like PAY");
		}
	}

	static List<Draft> drafts(JsonNode payload) {
		JsonNode drafts = payload.path("drafts");
		if (!drafts.isArray() || drafts.isEmpty() || drafts.size() > MAX_DRAFTS) {
			throw new InvalidProposalPayload("'drafts' must hold 1 to %d issues".formatted(MAX_DRAFTS));
		}
		try {
			return List.of(json.treeToValue(drafts, Draft[].class));
		}
		catch (JsonProcessingException ex) {
			// Jackson's own message names Java types: say where, in the payload's terms.
			throw new InvalidProposalPayload("The drafts are not readable at '%s': check that field's type"
				.formatted(ex instanceof JsonMappingException mapping ? mapping.getPathReference() : "drafts"));
		}
	}

	/**
	 * Everything wrong with a payload, or nothing.
	 * @throws InvalidProposalPayload when it is malformed
	 * @throws IssueNotCreatable when a draft would be refused by the create screen
	 */
	void check(SiteUser user, JsonNode payload) {
		ProjectKey projectKey = projectKey(payload);
		List<Draft> drafts = drafts(payload);
		List<String> shape = new ArrayList<>();
		Set<String> refs = new java.util.HashSet<>();
		for (int i = 0; i < drafts.size(); i++) {
			Draft draft = drafts.get(i);
			for (ConstraintViolation<Draft> violation : this.validator.validate(draft)) {
				shape.add("draft %d: %s %s".formatted(i + 1, violation.getPropertyPath(), violation.getMessage()));
			}
			if (!refs.add(draft.ref())) {
				shape.add("draft %d: ref '%s' is used twice".formatted(i + 1, draft.ref()));
			}
		}
		for (Draft draft : drafts) {
			if (draft.parentRef() != null && !refs.contains(draft.parentRef())) {
				shape.add("'%s' has a parent '%s' that is not in the batch".formatted(draft.ref(), draft.parentRef()));
			}
		}
		if (!shape.isEmpty()) {
			throw new InvalidProposalPayload(String.join("; ", shape));
		}
		List<IssueNotCreatable.Problem> problems = problems(user, projectKey, drafts);
		if (!problems.isEmpty()) {
			throw new IssueNotCreatable(projectKey.value(), problems);
		}
	}

	/** What the create screen would refuse in each draft, with the draft's position. */
	List<IssueNotCreatable.Problem> problems(SiteUser user, ProjectKey projectKey, List<Draft> drafts) {
		List<IssueNotCreatable.Problem> problems = new ArrayList<>();
		for (int i = 0; i < drafts.size(); i++) {
			final int index = i;
			this.issues.problems(user, newIssue(projectKey, drafts.get(i), drafts.get(i).parentKey()))
				.forEach(problem -> problems.add(problem.at(index)));
		}
		return problems;
	}

	static NewIssue newIssue(ProjectKey projectKey, Draft draft, IssueKey parentKey) {
		StringBuilder description = new StringBuilder(
				draft.descriptionMarkdown() == null ? "" : draft.descriptionMarkdown().strip());
		boolean criteriaInText = description.toString().toLowerCase().contains("acceptance criteria");
		if (!draft.acceptanceCriteria().isEmpty() && !criteriaInText) {
			description.append("\n\n## Acceptance criteria\n");
			draft.acceptanceCriteria().forEach(criterion -> description.append("- ").append(criterion).append('\n'));
		}
		return new NewIssue(projectKey, draft.issueType(), draft.summary(), description.toString(), draft.priority(),
				draft.labels(), draft.components(), draft.assignee() == null ? null : draft.assignee().accountId(),
				parentKey, new java.util.LinkedHashMap<>(draft.fields()));
	}

}

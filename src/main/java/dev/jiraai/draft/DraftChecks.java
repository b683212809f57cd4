package dev.jiraai.draft;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import dev.jiraai.confirm.InvalidProposalPayload;
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
 * The handler's own check of a draft proposal's payload, after Bean Validation of its
 * record: each draft's shape (Bean Validation, reported by its position), the batch's
 * structure (refs, parents), and each issue against the project's create metadata, so a
 * missing required field is an inline error before anything is sent to Jira.
 */
@Component
class DraftChecks {

	private final JiraIssues issues;

	private final Validator validator;

	DraftChecks(JiraIssues issues, Validator validator) {
		this.issues = issues;
		this.validator = validator;
	}

	/**
	 * Everything wrong with a payload, or nothing.
	 * @throws InvalidProposalPayload when it is malformed
	 * @throws IssueNotCreatable when a draft would be refused by the create screen
	 */
	void check(SiteUser user, DraftPayload payload) {
		List<Draft> drafts = payload.drafts();
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
		List<IssueNotCreatable.Problem> problems = problems(user, payload.projectKey(), drafts);
		if (!problems.isEmpty()) {
			throw new IssueNotCreatable(payload.projectKey().value(), problems);
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

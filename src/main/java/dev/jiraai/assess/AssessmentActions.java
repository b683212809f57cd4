package dev.jiraai.assess;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jiraai.confirm.Proposal;
import dev.jiraai.confirm.Proposals;
import dev.jiraai.jira.IssueKey;
import dev.jiraai.jira.JiraIdentity;
import dev.jiraai.jira.JiraIssues;
import dev.jiraai.jira.payload.JiraIssue;
import dev.jiraai.problem.DescribedProblem;
import dev.jiraai.problem.ProblemType;
import dev.jiraai.tenancy.SiteUser;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Turns an assessment into a proposal the user sees and may confirm: the comment to post,
 * the description to apply (with the current one kept for restoring), or the description
 * to restore.
 */
@Service
class AssessmentActions {

	private static final ObjectMapper json = new ObjectMapper();

	private final AssessmentService assessments;

	private final JiraIssues issues;

	private final Proposals proposals;

	AssessmentActions(AssessmentService assessments, JiraIssues issues, Proposals proposals) {
		this.assessments = assessments;
		this.issues = issues;
		this.proposals = proposals;
	}

	/** What the user is asked to confirm. */
	enum Action {

		COMMENT("comment"), APPLY_DESCRIPTION("apply-description"), RESTORE_DESCRIPTION("restore-description");

		final String wire;

		Action(String wire) {
			this.wire = wire;
		}

		static Action of(String wire) {
			for (Action action : values()) {
				if (action.wire.equals(wire)) {
					return action;
				}
			}
			throw new IllegalArgumentException(
					"Unknown action '%s': use comment, apply-description or restore-description".formatted(wire));
		}

	}

	/**
	 * A proposal and exactly what it will write.
	 *
	 * @param proposalId the id to confirm or reject
	 * @param action what it does
	 * @param preview what will be written
	 * @param expiresAt until when it can be confirmed
	 */
	record ProposalPreview(UUID proposalId, String action, Preview preview, Instant expiresAt) {
	}

	/**
	 * What the user sees before confirming.
	 *
	 * @param markdown the comment, or the description that will be set
	 * @param currentDescription the description now, for applying a new one
	 */
	record Preview(String markdown, String currentDescription) {
	}

	ProposalPreview propose(SiteUser user, UUID assessmentId, Action action) {
		Assessment assessment = this.assessments.get(user, assessmentId);
		IssueKey issueKey = IssueKey.of(assessment.issueKey());
		return switch (action) {
			case COMMENT -> {
				String markdown = AssessmentComment.markdown(assessment);
				Proposal proposal = this.proposals.propose(user, "assess", AssessmentWrites.COMMENT,
						new AssessmentWrites.Comment(issueKey, assessment.id(), markdown));
				yield new ProposalPreview(proposal.id(), action.wire, new Preview(markdown, null),
						proposal.expiresAt());
			}
			case APPLY_DESCRIPTION -> {
				JiraIssue issue = this.issues.get(JiraIdentity.of(user), issueKey);
				Proposal proposal = this.proposals.propose(user, "assess", AssessmentWrites.APPLY_DESCRIPTION,
						new AssessmentWrites.ApplyDescription(issueKey, assessment.id(),
								assessment.improvedDescription(), issue.description(), issue.descriptionMarkdown()));
				yield new ProposalPreview(proposal.id(), action.wire,
						new Preview(assessment.improvedDescription(), issue.descriptionMarkdown()),
						proposal.expiresAt());
			}
			case RESTORE_DESCRIPTION -> {
				AssessmentWrites.ApplyDescription applied = lastApplied(user, assessment);
				JsonNode previous = applied.previousDescription();
				Proposal proposal = this.proposals.propose(user, "assess", AssessmentWrites.RESTORE_DESCRIPTION,
						new AssessmentWrites.RestoreDescription(issueKey, assessment.id(),
								(previous == null || previous.isNull()) ? emptyDocument() : previous));
				String markdown = (applied.previousMarkdown() == null) ? "" : applied.previousMarkdown();
				yield new ProposalPreview(proposal.id(), action.wire,
						new Preview(markdown, assessment.improvedDescription()), proposal.expiresAt());
			}
		};
	}

	/**
	 * The description this user applied from this assessment, whose predecessor is what
	 * gets restored.
	 */
	private AssessmentWrites.ApplyDescription lastApplied(SiteUser user, Assessment assessment) {
		List<Proposal> applied = this.proposals.recent(user, AssessmentWrites.APPLY_DESCRIPTION, 50);
		return applied.stream()
			.filter(p -> p.state() == Proposal.State.DONE)
			.filter(p -> assessment.id().toString().equals(p.payload().path("assessmentId").asText()))
			.findFirst()
			.map(p -> applyDescription(p.payload()))
			.orElseThrow(() -> new NothingToRestore(assessment.id()));
	}

	private static AssessmentWrites.ApplyDescription applyDescription(JsonNode payload) {
		try {
			return json.treeToValue(payload, AssessmentWrites.ApplyDescription.class);
		}
		catch (JsonProcessingException ex) {
			// Stored by this module as this record: unreadable means a bug, not bad
			// input.
			throw new IllegalStateException("A stored description proposal cannot be read", ex);
		}
	}

	/** A restore was asked for, but no description of this assessment was applied. */
	static final class NothingToRestore extends RuntimeException implements DescribedProblem {

		private static final ProblemType PROBLEM = new ProblemType(HttpStatus.CONFLICT, "nothing-to-restore",
				"Nothing to restore", "Only a description applied from this assessment can be restored.");

		NothingToRestore(UUID assessmentId) {
			super("Nothing to restore: no improved description of assessment '%s' was applied".formatted(assessmentId));
		}

		@Override
		public ProblemType problemType() {
			return PROBLEM;
		}

	}

	private static ObjectNode emptyDocument() {
		ObjectNode doc = json.createObjectNode();
		doc.put("type", "doc");
		doc.put("version", 1);
		doc.putArray("content");
		return doc;
	}

}

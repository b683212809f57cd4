package dev.jiraai.standup;

import java.time.LocalDate;

import dev.jiraai.jira.ProjectKey;
import dev.jiraai.problem.DescribedProblem;
import dev.jiraai.problem.ProblemType;

import org.springframework.http.HttpStatus;

/**
 * Why a stand-up request cannot be answered; each names the problem it is answered with.
 */
abstract sealed class StandupProblem extends RuntimeException implements DescribedProblem
		permits StandupProblem.Off, StandupProblem.NotSaved, StandupProblem.Invalid, StandupProblem.ProjectHidden {

	private final ProblemType type;

	StandupProblem(String message, ProblemType type) {
		super(message);
		this.type = type;
	}

	@Override
	public ProblemType problemType() {
		return this.type;
	}

	/** Stand-up is switched off for the site: as if it did not exist. */
	static final class Off extends StandupProblem {

		Off() {
			super("Stand-up is off for this site", new ProblemType(HttpStatus.NOT_FOUND, "feature-off",
					"Feature switched off", "Ask a Jira admin to switch stand-up on in the app's settings."));
		}

	}

	/** Today's stand-up is not saved yet, so there is nothing to post. */
	static final class NotSaved extends StandupProblem {

		NotSaved(LocalDate date) {
			super("Your stand-up of %s is not saved yet".formatted(date), new ProblemType(HttpStatus.CONFLICT,
					"standup-not-saved", "No stand-up to post", "Save today's answers first, then preview again."));
		}

	}

	/** The answers are not a stand-up that can be saved. */
	static final class Invalid extends StandupProblem {

		Invalid(String problem) {
			super(problem, new ProblemType(HttpStatus.BAD_REQUEST, "invalid-standup", "The stand-up is not valid",
					"Fix the answers and save again."));
		}

	}

	/**
	 * The user may not browse the project (or it does not exist): answered 404, as Jira
	 * answers it, so the team view tells nothing about a project the user cannot see.
	 */
	static final class ProjectHidden extends StandupProblem {

		ProjectHidden(ProjectKey projectKey) {
			super("You cannot see project %s in Jira, or it does not exist".formatted(projectKey),
					new ProblemType(HttpStatus.NOT_FOUND, "project-not-found", "No such project",
							"Check the project key, or ask a Jira admin for browse permission."));
		}

	}

}

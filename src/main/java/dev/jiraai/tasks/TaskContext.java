package dev.jiraai.tasks;

import java.util.UUID;

import dev.jiraai.ai.Checkpoints;
import dev.jiraai.tenancy.SiteUser;

/**
 * What a running task can do: act as its user, report progress and text to whoever
 * watches, and checkpoint its steps.
 */
public interface TaskContext extends Checkpoints {

	UUID taskId();

	/**
	 * The user the task acts for, able to call Jira as them now.
	 * @throws UserNeeded when the task cannot act as the user any more (a Forge user
	 * token that expired while the task waited): the task then waits for the user to
	 * resume it
	 */
	SiteUser user();

	/** A stage reached: shown at once to watchers and kept as the task's progress. */
	void progress(String stage, String message);

	/** A piece of the model's text as it is written. */
	void text(String delta);

}

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

	/**
	 * What the user decided each time the task waited for them
	 * ({@link ConfirmationNeeded}), in order; empty before the first.
	 */
	java.util.List<com.fasterxml.jackson.databind.JsonNode> decisions();

	/**
	 * An event of the feature's own (e.g. {@code tool}) for whoever watches; not one of
	 * the task's own names ({@code progress}, {@code text}, {@code result}, ...).
	 */
	void event(String name, Object data);

	/** A piece of the model's text as it is written. */
	void text(String delta);

}

package dev.jiraai.tasks;

import dev.jiraai.tenancy.SiteUser;

/**
 * One kind of task, implemented by the feature that owns it (a Spring bean). The input is
 * stored as JSON when the task starts and read back, possibly on another instance, when
 * it runs; the result is stored as JSON and is what the task's result shows.
 *
 * @param <I> the input record
 */
public interface TaskHandler<I> {

	/** The kind, as the API shows it ({@code assess}, {@code draft}). */
	String kind();

	/** The input record's type. */
	Class<I> inputType();

	/**
	 * Checked in the request that starts the task, before anything is stored, so a task
	 * that cannot run is refused at once (a spent budget, a switched-off feature).
	 */
	default void admit(SiteUser user, I input) {
	}

	/**
	 * Does the work. Steps whose result must not be produced twice (a model call, a
	 * write) go through {@link TaskContext#step}; Jira is called as
	 * {@link TaskContext#user()}.
	 * @return the result, written as JSON
	 */
	Object run(TaskContext context, I input);

}

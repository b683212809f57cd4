package dev.jiraai.ai;

import java.util.function.Supplier;

/**
 * Runs named steps of AI work at most once: inside a task (the tasks module implements
 * it) a finished step's result is stored, and a task run again after a crash or a restart
 * gets it back instead of doing the work (and paying for a model call) again. Outside a
 * task, {@link #NONE} just does the work.
 */
public interface Checkpoints {

	/** Does every step, keeping nothing: for work that is not a task. */
	Checkpoints NONE = new Checkpoints() {
		@Override
		public <T> T step(String name, Class<T> type, Supplier<T> work) {
			return work.get();
		}

		@Override
		public <T> T stepInTransaction(String name, Class<T> type, Supplier<T> work) {
			return work.get();
		}
	};

	/**
	 * The stored result of step {@code name}, or the result of {@code work}, stored. For
	 * work outside the database (a model call): a crash after the work and before the
	 * store does it again on the next run.
	 */
	<T> T step(String name, Class<T> type, Supplier<T> work);

	/**
	 * The same, with the work's database writes and the stored result committed together:
	 * a step that writes the app's own tables happens exactly once.
	 */
	<T> T stepInTransaction(String name, Class<T> type, Supplier<T> work);

}

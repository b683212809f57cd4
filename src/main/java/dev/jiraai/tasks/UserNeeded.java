package dev.jiraai.tasks;

/**
 * A task needs its user before it can go on; it waits in {@code waiting_confirmation}
 * with this message until they resume it.
 */
public class UserNeeded extends RuntimeException {

	public UserNeeded(String message) {
		super(message);
	}

}

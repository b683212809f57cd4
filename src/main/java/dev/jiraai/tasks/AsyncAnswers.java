package dev.jiraai.tasks;

import java.net.URI;
import java.util.Locale;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * RFC 7240's {@code Prefer: respond-async} for the endpoints that start long work: such a
 * request gets {@code 202 Accepted} with the task and its {@code Location} instead of
 * waiting for the result (which a Forge call cannot: Forge cuts it at 25 s).
 */
public final class AsyncAnswers {

	/** The request header that asks for it. */
	public static final String PREFER = "Prefer";

	private AsyncAnswers() {
	}

	/** Whether a {@code Prefer} header asks for an asynchronous answer. */
	public static boolean wanted(String prefer) {
		if (prefer == null) {
			return false;
		}
		for (String preference : prefer.split(",")) {
			if (preference.split(";")[0].trim().toLowerCase(Locale.ROOT).equals("respond-async")) {
				return true;
			}
		}
		return false;
	}

	/**
	 * {@code 202} with the started task, where to poll it and that the preference
	 * applied.
	 */
	public static ResponseEntity<TaskView.Started> accepted(TaskView.Started started) {
		return ResponseEntity.status(HttpStatus.ACCEPTED)
			.location(URI.create("/api/tasks/" + started.taskId()))
			.header("Preference-Applied", "respond-async")
			.body(started);
	}

}

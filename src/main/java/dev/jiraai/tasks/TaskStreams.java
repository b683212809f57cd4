package dev.jiraai.tasks;

import java.io.IOException;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import dev.jiraai.problem.ProblemMapper;
import dev.jiraai.tenancy.SiteUser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * A task's events as server-sent events, each with its id, resumable with
 * {@code Last-Event-ID}: for the task API and for features that stream their own tasks
 * (the chat). Each stream is watched on a virtual thread.
 */
@Component
public class TaskStreams {

	private static final Logger logger = LoggerFactory.getLogger(TaskStreams.class);

	/** An event stream is closed after this; the client resumes it with its last id. */
	private static final long STREAM_TIMEOUT_MILLIS = 300_000;

	private final AiTasks tasks;

	private final ProblemMapper problems;

	private final ExecutorService streams = Executors.newVirtualThreadPerTaskExecutor();

	TaskStreams(AiTasks tasks, ProblemMapper problems) {
		this.tasks = tasks;
		this.problems = problems;
	}

	/**
	 * The task's events after the {@code Last-Event-ID} header's id until its current run
	 * ends.
	 * @throws TaskException when the task is not the user's (a 404 now, not an event)
	 */
	public SseEmitter stream(SiteUser user, UUID taskId, String lastEventId) {
		long after = lastEventId(lastEventId);
		this.tasks.get(user, taskId);
		SseEmitter emitter = new SseEmitter(STREAM_TIMEOUT_MILLIS);
		this.streams.execute(() -> {
			try {
				this.tasks.follow(user, taskId, after, (id, name, data) -> send(emitter, id, name, data));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			catch (RuntimeException ex) {
				send(emitter, after + 1, TaskEvent.ERROR, this.problems.problemOf(ex));
			}
			emitter.complete();
		});
		return emitter;
	}

	private static long lastEventId(String header) {
		if (header == null || header.isBlank()) {
			return 0;
		}
		try {
			return Math.max(0, Long.parseLong(header.trim()));
		}
		catch (NumberFormatException ex) {
			// An id this API never sent: replay from the start rather than fail.
			return 0;
		}
	}

	private static boolean send(SseEmitter emitter, long id, String name, Object data) {
		try {
			emitter.send(SseEmitter.event().id(Long.toString(id)).name(name).data(data, MediaType.APPLICATION_JSON));
			return true;
		}
		catch (IOException | IllegalStateException ex) {
			// The client went away: the task goes on, and a new request resumes the
			// stream.
			logger.debug("Could not send the {} event of a task: {}", name, ex.getMessage());
			return false;
		}
	}

}

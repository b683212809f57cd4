package dev.jiraai.tasks;

import java.io.IOException;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.atlassian.connect.spring.ContextJwt;
import com.fasterxml.jackson.databind.JsonNode;
import dev.jiraai.problem.ProblemMapper;
import dev.jiraai.tenancy.SiteUser;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The task API (docs/api.md): a task's state for polling (Forge), its events as
 * server-sent events resumable with {@code Last-Event-ID} (Connect), cancel and resume.
 */
@RestController
@ContextJwt
class TaskController {

	private static final Logger logger = LoggerFactory.getLogger(TaskController.class);

	/** An event stream is closed after this; the client resumes it with its last id. */
	private static final long STREAM_TIMEOUT_MILLIS = 300_000;

	private final AiTasks tasks;

	private final ExecutorService streams = Executors.newVirtualThreadPerTaskExecutor();

	private final ProblemMapper problems;

	TaskController(AiTasks tasks, ProblemMapper problems) {
		this.tasks = tasks;
		this.problems = problems;
	}

	@GetMapping("/api/tasks/{taskId}")
	TaskView get(SiteUser user, @PathVariable UUID taskId) {
		return this.tasks.get(user, taskId);
	}

	/**
	 * The task's events after {@code Last-Event-ID}: {@code progress}, {@code text}, then
	 * one of {@code result}, {@code error}, {@code waiting} or {@code cancelled}, each
	 * with its id. Watched on a virtual thread.
	 */
	@GetMapping(path = "/api/tasks/{taskId}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	SseEmitter events(SiteUser user, @PathVariable UUID taskId,
			@RequestHeader(name = "Last-Event-ID", required = false) String lastEventId) {
		long after = lastEventId(lastEventId);
		this.tasks.get(user, taskId); // a task that is not the user's is a 404 now, not
										// an event
		SseEmitter emitter = new SseEmitter(STREAM_TIMEOUT_MILLIS);
		this.streams.execute(() -> {
			try {
				this.tasks.follow(user, taskId, after, (id, name, data) -> send(emitter, id, name, data));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			catch (RuntimeException ex) {
				send(emitter, after + 1, TaskEvent.ERROR, null, this.problems.problemOf(ex));
			}
			emitter.complete();
		});
		return emitter;
	}

	@PostMapping("/api/tasks/{taskId}/cancel")
	TaskView cancel(SiteUser user, @PathVariable UUID taskId) {
		return this.tasks.cancel(user, taskId);
	}

	/**
	 * The user's decision on a task waiting for them.
	 *
	 * @param decision {@code continue} or {@code cancel}
	 */
	record ResumeRequest(@NotBlank @Pattern(regexp = "continue|cancel") String decision) {
	}

	@PostMapping("/api/tasks/{taskId}/resume")
	ResponseEntity<TaskView> resume(SiteUser user, @PathVariable UUID taskId,
			@Valid @RequestBody ResumeRequest request) {
		TaskView view = this.tasks.resume(user, taskId, request.decision());
		return ResponseEntity.status(view.status() == TaskStatus.PROCESSING ? HttpStatus.ACCEPTED : HttpStatus.OK)
			.body(view);
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

	private static boolean send(SseEmitter emitter, long id, String name, JsonNode data) {
		return send(emitter, id, name, data, null);
	}

	private static boolean send(SseEmitter emitter, long id, String name, JsonNode data, Object other) {
		try {
			emitter.send(SseEmitter.event()
				.id(Long.toString(id))
				.name(name)
				.data(other != null ? other : data, MediaType.APPLICATION_JSON));
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

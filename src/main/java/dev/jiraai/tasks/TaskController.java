package dev.jiraai.tasks;

import java.util.UUID;

import com.atlassian.connect.spring.ContextJwt;
import dev.jiraai.tenancy.SiteUser;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

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

	private final AiTasks tasks;

	private final TaskStreams streams;

	TaskController(AiTasks tasks, TaskStreams streams) {
		this.tasks = tasks;
		this.streams = streams;
	}

	@GetMapping("/api/tasks/{taskId}")
	TaskView get(SiteUser user, @PathVariable UUID taskId) {
		return this.tasks.get(user, taskId);
	}

	/**
	 * The task's events after {@code Last-Event-ID}: {@code progress}, {@code text}, then
	 * one of {@code result}, {@code error}, {@code waiting} or {@code cancelled}, each
	 * with its id.
	 */
	@GetMapping(path = "/api/tasks/{taskId}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	SseEmitter events(SiteUser user, @PathVariable UUID taskId,
			@RequestHeader(name = "Last-Event-ID", required = false) String lastEventId) {
		return this.streams.stream(user, taskId, lastEventId);
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

}

package dev.jiraai.assess;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.atlassian.connect.spring.ContextJwt;
import dev.jiraai.jira.IssueKey;
import dev.jiraai.problem.ProblemMapper;
import dev.jiraai.tasks.AiTasks;
import dev.jiraai.tasks.AsyncAnswers;
import dev.jiraai.tenancy.SiteUser;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.concurrent.DelegatingSecurityContextRunnable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The Assess API, for the issue panel under Connect and Forge: assess (as JSON, or
 * streamed as server-sent events), the history of an issue's assessments, and proposals
 * of what to write from an assessment.
 */
@RestController
@ContextJwt
class AssessmentController {

	private static final Logger logger = LoggerFactory.getLogger(AssessmentController.class);

	/**
	 * Longer than the model's time budget, so the stream ends with the model's outcome,
	 * not a cut.
	 */
	private static final long STREAM_TIMEOUT_MILLIS = 180_000;

	private final AssessmentService assessments;

	private final AssessmentActions actions;

	private final ExecutorService streams = Executors.newVirtualThreadPerTaskExecutor();

	private final AiTasks tasks;

	private final ProblemMapper problems;

	AssessmentController(AssessmentService assessments, AssessmentActions actions, AiTasks tasks,
			ProblemMapper problems) {
		this.assessments = assessments;
		this.actions = actions;
		this.tasks = tasks;
		this.problems = problems;
	}

	/**
	 * Assesses and answers with the assessment; with {@code Prefer: respond-async} (the
	 * Forge panel always sends it) answers {@code 202} with a task at once instead.
	 */
	@PostMapping(path = "/api/issues/{issueKey}/assessments", produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<?> assess(SiteUser user, @PathVariable IssueKey issueKey,
			@RequestParam(defaultValue = "false") boolean force,
			@RequestHeader(name = AsyncAnswers.PREFER, required = false) String prefer) {
		if (AsyncAnswers.wanted(prefer)) {
			return AsyncAnswers
				.accepted(this.tasks.start(user, AssessTask.KIND, new AssessTask.Input(issueKey, force)));
		}
		return ResponseEntity
			.ok(this.assessments.assess(user, issueKey, force, false, AssessmentService.Listener.NONE));
	}

	/**
	 * The same, streamed: {@code progress} events at once, {@code text} events as the
	 * model writes, then one {@code assessment} event (or an {@code error} event with a
	 * problem detail). Runs on a virtual thread: waiting on the model holds no platform
	 * thread.
	 */
	@PostMapping(path = "/api/issues/{issueKey}/assessments", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	SseEmitter assessStreaming(SiteUser user, @PathVariable IssueKey issueKey,
			@RequestParam(defaultValue = "false") boolean force) {
		SseEmitter emitter = new SseEmitter(STREAM_TIMEOUT_MILLIS);
		this.streams.execute(new DelegatingSecurityContextRunnable(() -> {
			try {
				Assessment assessment = this.assessments.assess(user, issueKey, force, true,
						new AssessmentService.Listener() {
							@Override
							public void progress(String stage, String message) {
								send(emitter, "progress", Map.of("stage", stage, "message", message));
							}

							@Override
							public void text(String piece) {
								send(emitter, "text", Map.of("delta", piece));
							}
						});
				send(emitter, "assessment", assessment);
				emitter.complete();
			}
			catch (RuntimeException ex) {
				send(emitter, "error", this.problems.problemOf(ex));
				emitter.complete();
			}
		}));
		return emitter;
	}

	@GetMapping("/api/issues/{issueKey}/assessments")
	List<Assessment> history(SiteUser user, @PathVariable IssueKey issueKey) {
		return this.assessments.history(user, issueKey);
	}

	/**
	 * What to write from an assessment.
	 *
	 * @param action {@code comment}, {@code apply-description} or
	 * {@code restore-description}
	 */
	record ActionRequest(@NotBlank @Pattern(regexp = "comment|apply-description|restore-description") String action) {
	}

	@PostMapping("/api/assessments/{assessmentId}/proposals")
	AssessmentActions.ProposalPreview propose(SiteUser user, @PathVariable UUID assessmentId,
			@Valid @RequestBody ActionRequest request) {
		return this.actions.propose(user, assessmentId, AssessmentActions.Action.of(request.action()));
	}

	private static void send(SseEmitter emitter, String event, Object data) {
		try {
			emitter.send(SseEmitter.event().name(event).data(data, MediaType.APPLICATION_JSON));
		}
		catch (IOException | IllegalStateException ex) {
			// The panel went away: the assessment still completes and is stored for the
			// next look.
			logger.debug("Could not send the {} event: {}", event, ex.getMessage());
		}
	}

}

package dev.jiraai.draft;

import java.util.List;

import com.atlassian.connect.spring.ContextJwt;
import dev.jiraai.jira.ProjectKey;
import dev.jiraai.tasks.AiTasks;
import dev.jiraai.tasks.AsyncAnswers;
import dev.jiraai.tenancy.SiteUser;
import jakarta.validation.Valid;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The Draft API: projects to draft in and what they allow, and drafting itself. Review,
 * edit and creation go through the proposal API ({@code PATCH} and {@code confirm}).
 */
@RestController
@ContextJwt
class DraftController {

	private final DraftService drafts;

	private final AiTasks tasks;

	DraftController(DraftService drafts, AiTasks tasks) {
		this.drafts = drafts;
		this.tasks = tasks;
	}

	@GetMapping("/api/projects")
	List<ProjectView> projects(SiteUser user) {
		return this.drafts.projects(user)
			.stream()
			.map(project -> new ProjectView(project.key(), project.name()))
			.toList();
	}

	@GetMapping("/api/projects/{projectKey}/create-options")
	DraftService.CreateOptions options(SiteUser user, @PathVariable ProjectKey projectKey) {
		return this.drafts.options(user, projectKey);
	}

	/**
	 * Drafts and answers with the drafts; with {@code Prefer: respond-async} (the Forge
	 * dialog always sends it) answers {@code 202} with a task at once instead.
	 */
	@PostMapping("/api/drafts")
	ResponseEntity<?> draft(SiteUser user, @Valid @RequestBody DraftRequest request,
			@RequestHeader(name = AsyncAnswers.PREFER, required = false) String prefer) {
		if (AsyncAnswers.wanted(prefer)) {
			return AsyncAnswers.accepted(this.tasks.start(user, DraftTask.KIND, request));
		}
		return ResponseEntity.ok(this.drafts.draft(user, request));
	}

	/**
	 * A project the user can draft in.
	 *
	 * @param key its key
	 * @param name its name
	 */
	record ProjectView(String key, String name) {
	}

}

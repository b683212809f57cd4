package dev.jiraai.assess;

import dev.jiraai.ai.LlmGateway;
import dev.jiraai.jira.IssueKey;
import dev.jiraai.tasks.TaskContext;
import dev.jiraai.tasks.TaskHandler;
import dev.jiraai.tenancy.SiteUser;

import org.springframework.stereotype.Component;

/**
 * Assess with AI as a task: what the Forge panel starts (a Forge call may not wait on the
 * model) and the Connect panel follows as events. The same stages and streamed text as
 * the synchronous endpoint; the model's answer and the stored assessment are
 * checkpointed.
 */
@Component
class AssessTask implements TaskHandler<AssessTask.Input> {

	static final String KIND = "assess";

	/**
	 * @param issueKey the issue
	 * @param force assess again even when a stored assessment applies
	 */
	record Input(IssueKey issueKey, boolean force) {
	}

	private final AssessmentService assessments;

	private final LlmGateway gateway;

	AssessTask(AssessmentService assessments, LlmGateway gateway) {
		this.assessments = assessments;
		this.gateway = gateway;
	}

	@Override
	public String kind() {
		return KIND;
	}

	@Override
	public Class<Input> inputType() {
		return Input.class;
	}

	@Override
	public void admit(SiteUser user, Input input) {
		this.gateway.admit(user.site(), user.accountId());
	}

	@Override
	public Assessment run(TaskContext context, Input input) {
		return this.assessments.assess(context.user(), input.issueKey(), input.force(), true,
				new AssessmentService.Listener() {
					@Override
					public void progress(String stage, String message) {
						context.progress(stage, message);
					}

					@Override
					public void text(String piece) {
						context.text(piece);
					}
				}, context);
	}

}

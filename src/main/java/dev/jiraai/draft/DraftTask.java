package dev.jiraai.draft;

import dev.jiraai.ai.LlmGateway;
import dev.jiraai.tasks.TaskContext;
import dev.jiraai.tasks.TaskHandler;
import dev.jiraai.tenancy.SiteUser;

import org.springframework.stereotype.Component;

/**
 * Draft with AI as a task, for the Forge dialog (a Forge call may not wait on the model)
 * and the Connect dialog alike. The drafting, model call and stored proposal included, is
 * one checkpointed step: a run picked up again after a crash returns the same drafts and
 * proposal instead of drafting (and paying) again.
 */
@Component
class DraftTask implements TaskHandler<DraftRequest> {

	static final String KIND = "draft";

	private final DraftService drafts;

	private final LlmGateway gateway;

	DraftTask(DraftService drafts, LlmGateway gateway) {
		this.drafts = drafts;
		this.gateway = gateway;
	}

	@Override
	public String kind() {
		return KIND;
	}

	@Override
	public Class<DraftRequest> inputType() {
		return DraftRequest.class;
	}

	@Override
	public void admit(SiteUser user, DraftRequest request) {
		this.gateway.admit(user.site(), user.accountId());
	}

	@Override
	public DraftResponse run(TaskContext context, DraftRequest request) {
		return context.step("drafted", DraftResponse.class, () -> {
			SiteUser user = context.user();
			context.progress("asking-model", "Drafting in %s with AI…".formatted(request.projectKey().value()));
			return this.drafts.draft(user, request);
		});
	}

}

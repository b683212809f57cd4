package dev.jiraai.chat;

import dev.jiraai.ai.LlmGateway;
import dev.jiraai.problem.DescribedProblem;
import dev.jiraai.problem.ProblemType;
import dev.jiraai.tasks.TaskContext;
import dev.jiraai.tasks.TaskHandler;
import dev.jiraai.tenancy.SiteFeatures;
import dev.jiraai.tenancy.SiteUser;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * One message to the assistant, as a task: a Forge call may not wait on the model, a turn
 * may pause for the user's confirmation for hours, and any instance may go on with it.
 */
@Component
class ChatTask implements TaskHandler<ChatInput> {

	static final String KIND = "chat";

	private final ChatServices services;

	private final LlmGateway gateway;

	private final SiteFeatures features;

	ChatTask(ChatServices services, LlmGateway gateway, SiteFeatures features) {
		this.services = services;
		this.gateway = gateway;
		this.features = features;
	}

	@Override
	public String kind() {
		return KIND;
	}

	@Override
	public Class<ChatInput> inputType() {
		return ChatInput.class;
	}

	@Override
	public void admit(SiteUser user, ChatInput input) {
		if (!Boolean.TRUE.equals(this.features.forSite(user.site()).get("chat"))) {
			throw new ChatOff();
		}
		this.gateway.admit(user.site(), user.accountId());
	}

	@Override
	public ChatAnswer run(TaskContext context, ChatInput input) {
		return new ChatTurnRun(this.services, context, input).run();
	}

	/** The assistant is switched off for the site. */
	static final class ChatOff extends RuntimeException implements DescribedProblem {

		private static final ProblemType TYPE = new ProblemType(HttpStatus.FORBIDDEN, "feature-off",
				"Feature switched off", "Ask a Jira admin to switch the AI Assistant on in the app's settings.");

		ChatOff() {
			super("The AI Assistant is switched off on this site.");
		}

		@Override
		public ProblemType problemType() {
			return TYPE;
		}

	}

}

package dev.jiraai.ai;

import org.springframework.ai.chat.client.ChatClientRequest;
import org.springframework.ai.chat.client.ChatClientResponse;
import org.springframework.ai.chat.client.advisor.api.CallAdvisor;
import org.springframework.ai.chat.client.advisor.api.CallAdvisorChain;

/**
 * Refuses a call when the site's or the user's daily token budget is spent, before
 * anything reaches the model.
 */
final class BudgetAdvisor implements CallAdvisor {

	private final UsageMeter usage;

	BudgetAdvisor(UsageMeter usage) {
		this.usage = usage;
	}

	@Override
	public ChatClientResponse adviseCall(ChatClientRequest request, CallAdvisorChain chain) {
		PreparedCall call = ModelCallAdvisors.of(request).call();
		this.usage.checkBudget(call.site(), call.accountId());
		return chain.nextCall(request);
	}

	@Override
	public String getName() {
		return "budget";
	}

	@Override
	public int getOrder() {
		return ModelCallAdvisors.BUDGET_ORDER;
	}

}

package dev.jiraai.web;

import com.atlassian.connect.spring.ContextJwt;
import dev.jiraai.ai.LlmSettings;
import dev.jiraai.tenancy.SiteFeatures;
import dev.jiraai.tenancy.SiteUser;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The bootstrap API: the first call of every frontend surface, through a Connect context
 * JWT or a Forge Invocation Token.
 */
@RestController
@ContextJwt
class AppContextController {

	private final SiteFeatures features;

	private final LlmSettings llm;

	AppContextController(SiteFeatures features, LlmSettings llm) {
		this.features = features;
		this.llm = llm;
	}

	@GetMapping("/api/context")
	AppContext context(SiteUser user) {
		return new AppContext(user.site().displayUrl().toString(), user.accountId(), user.site().productType(),
				this.features.forSite(user.site()), this.llm.isConfigured(user.site()));
	}

}

package dev.jiraai.assess;

import java.net.http.HttpResponse;

import dev.jiraai.ai.PromptCatalog;
import dev.jiraai.ai.SiteModelSettings;
import dev.jiraai.support.AppTestSupport;
import dev.jiraai.support.SimulatedSite;
import dev.jiraai.tenancy.Site;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.util.AopTestUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.clearInvocations;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

/**
 * An assessment looks up its prompts and its model once: the cache key is built from them
 * and the model call is rendered from the same, instead of each layer asking again.
 */
class AssessLookupTests extends AppTestSupport {

	/**
	 * A spy ({@code SimulatorWiring}), so the shared test context serves this test too.
	 */
	@Autowired
	private PromptCatalog prompts;

	@Autowired
	private SiteModelSettings settings;

	@Test
	void anAssessmentResolvesItsPromptsAndModelOnce() {
		SimulatedSite site = installedSite("lookups");
		String alice = site.user("Alice");
		openAi.reply(AssessTestData.VALID);
		Site own = site(site);
		// The spies sit behind Spring's own proxies (transactions, caching).
		PromptCatalog prompts = AopTestUtils.getUltimateTargetObject(this.prompts);
		SiteModelSettings settings = AopTestUtils.getUltimateTargetObject(this.settings);
		clearInvocations(prompts, settings);

		HttpResponse<String> response = post("/api/issues/SCRUM-1/assessments", "JWT " + site.contextJwt(alice), null,
				"application/json");

		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(openAi.requests()).hasSize(1);
		verify(prompts, times(1)).get(eq(own), eq("ticket_assessor"));
		verify(prompts, times(1)).get(eq(own), eq("ticket_assessor.system"));
		verify(settings, times(1)).effective(eq(own));
	}

}

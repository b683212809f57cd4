package dev.jiraai.assess;

import java.net.http.HttpResponse;

import com.fasterxml.jackson.databind.JsonNode;
import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import dev.jiraai.ai.PromptCatalog;
import dev.jiraai.support.AppTestSupport;
import dev.jiraai.support.SimulatedSite;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an assessment costs in prompt tokens, counted on the request the model receives
 * (o200k, the encoding of current OpenAI models), for SCRUM-1: a story with a parent, a
 * subtask, two links and a comment. The original design's assessor prompt took 766 tokens
 * for it; version 1 of this prompt took 1,796 in its messages plus 420 of schema (852
 * when pretty-printed into the message), version 2 about 755 plus 380. A failure here
 * means the prompt bloated again and every assessment pays for it: shrink the text rather
 * than raise a budget. The fixed part comes first so that providers' prompt caches
 * (identical prefixes) apply.
 */
class AssessorPromptBudgetTests extends AppTestSupport {

	private static final Encoding O200K = Encodings.newDefaultEncodingRegistry().getEncoding(EncodingType.O200K_BASE);

	/** The original design's whole prompt for SCRUM-1. */
	private static final int ORIGINAL_PROMPT = 766;

	/** System prompt and the user prompt's text before the first variable. */
	private static final int FIXED_TEXT_BUDGET = 560;

	/** The response schema as sent (compact JSON), in either structured-output mode. */
	private static final int SCHEMA_BUDGET = 400;

	/** Everything the model reads: messages and schema. */
	private static final int WHOLE_BUDGET = 1200;

	@Autowired
	private PromptCatalog prompts;

	private SimulatedSite site;

	private String alice;

	@BeforeEach
	void install() {
		this.site = installedSite("budget");
		this.alice = this.site.user("Alice");
	}

	private JsonNode assessmentRequest(String issueKey) {
		int before = openAi.requests().size();
		openAi.reply(AssessTestData.VALID);
		HttpResponse<String> response = post("/api/issues/" + issueKey + "/assessments?force=true",
				"JWT " + this.site.contextJwt(this.alice), null, "application/json");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return openAi.requests().get(before);
	}

	private static int tokens(String text) {
		return O200K.countTokens(text);
	}

	@Test
	void anIssueWithItsContextIsAssessedWithinTheTokenBudget() {
		JsonNode request = assessmentRequest("SCRUM-1");
		String system = request.at("/messages/0/content").asText();
		String user = request.at("/messages/1/content").asText();
		String schema = request.at("/response_format/json_schema/schema").toString();
		String fixedUser = user.substring(0, user.indexOf("<untrusted_data"));

		assertThat(user).as("the issue's context reaches the model")
			.contains("Description:\nAs a returning customer")
			.contains("Comments, newest first:\n- Bob Builder 2026-11-10: Which PSP do we use for tokenisation?")
			.contains("Parent: SCRUM-10 Saved payment methods (Epic, In Progress)")
			.contains("Subtasks: SCRUM-11 ")
			.contains("is blocked by SCRUM-2 ")
			.contains("relates to OPS-1 ");
		int fixed = tokens(system) + tokens(fixedUser);
		int messages = tokens(system) + tokens(user);
		assertThat(fixed).as("fixed text (system + static user prompt)").isLessThanOrEqualTo(FIXED_TEXT_BUDGET);
		assertThat(tokens(schema)).as("response schema").isLessThanOrEqualTo(SCHEMA_BUDGET);
		assertThat(messages).as("messages, against the original design's %d", ORIGINAL_PROMPT)
			.isLessThanOrEqualTo(ORIGINAL_PROMPT);
		assertThat(messages + tokens(schema)).as("messages and schema").isLessThanOrEqualTo(WHOLE_BUDGET);
		System.out.printf("assessor prompt for SCRUM-1: system %d, static user %d, issue %d, schema %d, messages %d%n",
				tokens(system), tokens(fixedUser), tokens(user) - tokens(fixedUser), tokens(schema), messages);
	}

	@Test
	void theFixedPartComesBeforeAnyVariableSoProvidersCanCacheIt() {
		String body = this.prompts.get(AssessmentService.PROMPT).body();
		String staticPart = body.substring(0, body.indexOf("{{"));
		assertThat(body.substring(body.lastIndexOf("}}") + 2)).as("nothing after the last variable").isBlank();
		assertThat(tokens(staticPart)).as("the rubric is in the static part").isGreaterThan(300);

		JsonNode story = assessmentRequest("SCRUM-1");
		JsonNode bug = assessmentRequest("SCRUM-2");

		assertThat(story.at("/messages/0/content").asText()).as("the system prompt has no variable part")
			.isEqualTo(bug.at("/messages/0/content").asText())
			.doesNotContain("untrusted_data source=");
		assertThat(story.at("/messages/1/content").asText()).startsWith(staticPart);
		assertThat(bug.at("/messages/1/content").asText()).startsWith(staticPart);
	}

}

package dev.jiraai.draft;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jiraai.contracts.ContractSchemas;
import dev.jiraai.support.AppTestSupport;
import dev.jiraai.support.SimulatedSite;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Draft with AI end to end: drafting against the project's create metadata, review edits
 * validated again, and creation as the user only through a confirmed proposal, exactly
 * once.
 */
class DraftApiTests extends AppTestSupport {

	private static final ObjectMapper json = new ObjectMapper();

	private static final String JSON = "application/json";

	private SimulatedSite site;

	private String alice;

	@BeforeEach
	void install() {
		this.site = installedSite("draft");
		this.alice = this.site.user("Alice");
	}

	private String auth() {
		return "JWT " + this.site.contextJwt(this.alice);
	}

	private JsonNode draft(String mode, String text) throws Exception {
		HttpResponse<String> response = post("/api/drafts", auth(), json.writeValueAsString(
				java.util.Map.of("text", text, "projectKey", "SCRUM", "mode", mode, "outputFormat", "markdown")), JSON);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return json.readTree(response.body());
	}

	private HttpResponse<String> patch(String proposalId, JsonNode payload) throws Exception {
		return send(HttpRequest.newBuilder(java.net.URI.create(appBaseUrl() + "/api/proposals/" + proposalId))
			.header("Authorization", auth())
			.header("Content-Type", JSON)
			.method("PATCH", HttpRequest.BodyPublishers.ofString(json.writeValueAsString(payload)))
			.build());
	}

	private HttpResponse<String> confirm(String proposalId) {
		return post("/api/proposals/" + proposalId + "/confirm", auth(), null, JSON);
	}

	private int issueCount() {
		return this.site.data().issues().size();
	}

	@Test
	void draftsATicketFromTheProjectsOwnOptionsWithARealAssignee() throws Exception {
		openAi.reply(DraftTestData.BUG);

		JsonNode answer = draft("ticket", "Safari users can't pay since Tuesday. Bob should look at it.");

		assertThat(answer.path("proposalId").asText()).isNotBlank();
		JsonNode draft = answer.path("drafts").get(0);
		assertThat(draft.path("summary").asText()).startsWith("Checkout: Pay now");
		assertThat(draft.path("issueType").asText()).isEqualTo("Bug");
		assertThat(draft.path("priority").asText()).isEqualTo("High");
		assertThat(draft.path("components").toString()).as("only components that exist").isEqualTo("[\"Checkout\"]");
		assertThat(draft.at("/assignee/accountId").asText()).isEqualTo(this.site.user("Bob"));
		assertThat(draft.at("/assignee/displayName").asText()).isEqualTo("Bob Builder");
		assertThat(answer.path("problems")).as("Bug needs Environment on this project").anySatisfy(problem -> {
			assertThat(problem.path("fieldId").asText()).isEqualTo("customfield_10050");
			assertThat(problem.path("name").asText()).isEqualTo("Environment");
			assertThat(problem.path("index").asInt()).isZero();
		});
		assertThat(answer.path("similar").toString()).contains("SCRUM-2");
		String prompt = openAi.requests().get(0).at("/messages/1/content").asText();
		assertThat(prompt).contains("Allowed issue types: Story, Bug, Task, Epic, Subtask")
			.contains("<untrusted_data source=\"request\">");
		assertThat(this.site.calls("POST", "/rest/api/3/issue")).as("nothing created before confirmation").isEmpty();
	}

	@Test
	void neverInventsAnAssigneeTypeOrPriority() throws Exception {
		openAi.reply(DraftTestData.STORY_INVENTED_ASSIGNEE);

		JsonNode draft = draft("ticket", "Merchants want a CSV export; Zed will do it").path("drafts").get(0);

		assertThat(draft.path("assignee").isNull()).isTrue();
		assertThat(draft.path("assigneeHint").asText()).isEqualTo("Zed Nobody");
		assertThat(draft.path("issueType").asText()).isEqualTo("Task");
		assertThat(draft.path("priority").isNull()).isTrue();
	}

	@Test
	void anEditIsValidatedAgainAndTheConfirmedTicketIsCreatedOnceAsTheUser() throws Exception {
		openAi.reply(DraftTestData.BUG);
		JsonNode answer = draft("ticket", "Safari users can't pay.");
		String proposalId = answer.path("proposalId").asText();
		ObjectNode payload = json.createObjectNode().put("projectKey", "SCRUM");
		ArrayNode drafts = payload.putArray("drafts");
		ObjectNode edited = answer.path("drafts").get(0).deepCopy();
		edited.put("summary", "Safari 17: Pay now does nothing");
		drafts.add(edited);

		HttpResponse<String> refused = patch(proposalId, payload);
		assertThat(refused.statusCode()).isEqualTo(422);
		assertThat(refused.body()).contains("customfield_10050").contains("Environment");
		assertThat(confirm(proposalId).statusCode()).as("still invalid, still pending").isEqualTo(422);

		edited.putObject("fields").put("customfield_10050", "macOS 14, Safari 17.1");
		assertThat(patch(proposalId, payload).statusCode()).isEqualTo(200);
		int before = issueCount();
		HttpResponse<String> confirmed = confirm(proposalId);

		assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(200);
		JsonNode created = json.readTree(confirmed.body()).at("/result/issues/0");
		assertThat(created.path("key").asText()).startsWith("SCRUM-");
		assertThat(created.path("url").asText()).endsWith("/browse/" + created.path("key").asText());
		assertThat(issueCount()).isEqualTo(before + 1);
		JsonNode issue = this.site.data().issue(created.path("key").asText()).orElseThrow();
		assertThat(issue.path("summary").asText()).isEqualTo("Safari 17: Pay now does nothing");
		ContractSchemas.assertValidAdf(issue.path("description"));
		assertThat(issue.path("description").toString()).contains("Steps to reproduce");
		assertThat(this.site.calls("POST", "/rest/api/3/issue")).singleElement()
			.satisfies(call -> assertThat(call.caller()).isEqualTo(this.alice));
	}

	@Test
	void twentyConcurrentConfirmsCreateExactlyOneIssue() throws Exception {
		openAi.reply(DraftTestData.STORY_INVENTED_ASSIGNEE);
		String proposalId = draft("ticket", "CSV export").path("proposalId").asText();
		int before = issueCount();
		ExecutorService pool = Executors.newFixedThreadPool(20);
		CountDownLatch start = new CountDownLatch(1);
		List<Future<HttpResponse<String>>> answers = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			answers.add(pool.submit(() -> {
				start.await();
				return confirm(proposalId);
			}));
		}
		start.countDown();
		List<String> keys = new ArrayList<>();
		for (Future<HttpResponse<String>> answer : answers) {
			HttpResponse<String> response = answer.get();
			assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
			keys.add(json.readTree(response.body()).at("/result/issues/0/key").asText());
		}
		pool.shutdown();

		assertThat(issueCount()).isEqualTo(before + 1);
		assertThat(this.site.calls("POST", "/rest/api/3/issue")).hasSize(1);
		assertThat(keys).containsOnly(keys.get(0));
	}

	@Test
	void confirmingAnotherUsersDraftAnswers404() throws Exception {
		openAi.reply(DraftTestData.STORY_INVENTED_ASSIGNEE);
		String proposalId = draft("ticket", "CSV export").path("proposalId").asText();

		HttpResponse<String> response = post("/api/proposals/" + proposalId + "/confirm",
				"JWT " + this.site.contextJwt(this.site.user("Bob")), null, JSON);

		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(this.site.calls("POST", "/rest/api/3/issue")).isEmpty();
	}

	@Test
	void breaksARequirementIntoAnEpicWithItsStoriesCreatedInOneBatch() throws Exception {
		openAi.reply(DraftTestData.BREAKDOWN);

		JsonNode answer = draft("breakdown", "Returning customers should pay with a saved card.");

		JsonNode drafts = answer.path("drafts");
		assertThat(drafts).hasSize(3);
		assertThat(drafts.get(0).path("ref").asText()).isEqualTo("epic");
		assertThat(drafts.get(0).path("issueType").asText()).isEqualTo("Epic");
		assertThat(drafts.get(2).path("parentRef").asText()).isEqualTo("epic");
		assertThat(drafts.get(2).path("dependsOn").toString()).as("unknown refs dropped").isEqualTo("[\"S1\"]");
		assertThat(drafts.get(2).path("complexity").asText()).isEqualTo("L");

		HttpResponse<String> confirmed = confirm(answer.path("proposalId").asText());

		assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(200);
		JsonNode issues = json.readTree(confirmed.body()).at("/result/issues");
		assertThat(issues).hasSize(3);
		String epicKey = issues.get(0).path("key").asText();
		assertThat(this.site.data().issue(issues.get(1).path("key").asText()).orElseThrow().path("parent").asText())
			.isEqualTo(epicKey);
		assertThat(this.site.data().issue(issues.get(2).path("key").asText()).orElseThrow().path("parent").asText())
			.isEqualTo(epicKey);
	}

	@Test
	void analysesARequirementAsMarkdownWithoutProposingAnything() throws Exception {
		openAi.reply(DraftTestData.ANALYSIS_MARKDOWN);

		JsonNode answer = draft("analysis", "Returning customers should pay with a saved card.");

		assertThat(answer.path("proposalId").isNull()).isTrue();
		assertThat(answer.at("/analysis/markdown").asText()).contains("FR-1");
		assertThat(answer.path("drafts")).isEmpty();
	}

	@Test
	void refusesBadInputWithoutCallingTheModel() throws Exception {
		HttpResponse<String> noText = post("/api/drafts", auth(),
				"{\"text\":\" \",\"projectKey\":\"SCRUM\",\"mode\":\"ticket\"}", JSON);
		HttpResponse<String> badMode = post("/api/drafts", auth(),
				"{\"text\":\"x\",\"projectKey\":\"SCRUM\",\"mode\":\"poem\"}", JSON);
		this.site.deny(this.alice, "BROWSE_PROJECTS", "OPS");
		HttpResponse<String> hidden = post("/api/drafts", auth(),
				"{\"text\":\"x\",\"projectKey\":\"OPS\",\"mode\":\"ticket\"}", JSON);

		assertThat(noText.statusCode()).isEqualTo(400);
		assertThat(badMode.statusCode()).isEqualTo(400);
		assertThat(hidden.statusCode()).isEqualTo(403);
		assertThat(openAi.requests()).isEmpty();
	}

	@Test
	void listsProjectsAndTheirCreateOptions() throws Exception {
		JsonNode projects = json.readTree(get("/api/projects", auth()).body());
		JsonNode options = json.readTree(get("/api/projects/SCRUM/create-options", auth()).body());

		assertThat(projects.toString()).contains("SCRUM").contains("Payments Platform");
		assertThat(options.path("issueTypes").toString()).contains("Bug", "Story");
		assertThat(options.path("priorities").toString()).contains("Highest");
		assertThat(options.path("components").toString()).contains("Checkout");
	}

	@Test
	void theRequestTextReachesTheModelWithItsSecretsMasked() throws Exception {
		openAi.reply(DraftTestData.STORY_INVENTED_ASSIGNEE);

		draft("ticket", "Export fails with Authorization: Bearer abcdef0123456789ABCDEF, mail bob@example.com");

		assertThat(openAi.requests().get(0).at("/messages/1/content").asText())
			.contains("Export fails with Authorization: Bearer [secret-1], mail [email-1]")
			.doesNotContain("abcdef0123456789ABCDEF");
	}

	@Test
	void aDraftLinksOnlyToWhatTheRequestContainedInTheAnswerAndInJira() throws Exception {
		openAi.reply(DraftTestData.STORY_INVENTED_ASSIGNEE
			.replace("so that I can reconcile them.",
					"so that I can reconcile them. See [the format](https://docs.example.com/csv), "
							+ "[sign in](https://attacker.example/login) and ![logo](https://attacker.example/l.png).")
			.replace("\"Given orders, when I export, then I get a CSV\"",
					"\"Given orders, when I export, then I get a CSV from <https://attacker.example/dl>\""));

		JsonNode answer = draft("ticket", "CSV export as described in https://docs.example.com/csv please");
		JsonNode draft = answer.path("drafts").get(0);

		assertThat(draft.path("descriptionMarkdown").asText()).contains("[the format](https://docs.example.com/csv)")
			.contains("sign in (`attacker.example/login`)")
			.contains("logo")
			.doesNotContain("](https://attacker.example")
			.doesNotContain("![");
		assertThat(draft.path("acceptanceCriteria").get(0).asText()).endsWith("`attacker.example/dl`");
		assertThat(confirm(answer.path("proposalId").asText()).statusCode()).isEqualTo(200);
		String sent = this.site.calls("POST", "/rest/api/3/issue").get(0).body();
		JsonNode description = json.readTree(sent).at("/fields/description");
		assertThat(description.findValuesAsText("href")).containsExactly("https://docs.example.com/csv");
		assertThat(sent).doesNotContain("\"media").contains("attacker.example/login");
	}

	@Test
	void anAnalysisShowsInventedLinksAsPlainText() throws Exception {
		openAi.reply(DraftTestData.ANALYSIS_MARKDOWN + "\nSee [the report](https://attacker.example/r).\n");

		JsonNode answer = draft("analysis", "Returning customers should pay with a saved card.");

		assertThat(answer.at("/analysis/markdown").asText()).contains("the report (`attacker.example/r`)")
			.doesNotContain("](https://attacker.example");
	}

}

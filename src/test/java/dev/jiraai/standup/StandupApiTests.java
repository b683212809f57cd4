package dev.jiraai.standup;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jiraai.contracts.ContractSchemas;
import dev.jiraai.support.AppTestSupport;
import dev.jiraai.support.FakeOpenAi;
import dev.jiraai.support.JiraFault;
import dev.jiraai.support.SimulatedSite;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stand-up API as the stand-up view drives it, against a simulated site: saving and
 * editing the day's answers, dates in each user's own time zone, suggestions from Jira
 * activity, the preview and the comments it posts once, and the team view.
 */
class StandupApiTests extends AppTestSupport {

	private static final ObjectMapper json = new ObjectMapper();

	private SimulatedSite site;

	private String alice;

	private String bob;

	private String carol;

	@BeforeEach
	void installSite() {
		this.site = installedSite("standup");
		this.alice = this.site.user("Alice");
		this.bob = this.site.user("Bob");
		this.carol = this.site.user("Carol");
	}

	@Test
	void todaysStandupIsSavedEditedTheSameDayAndListedByDate() throws Exception {
		atNoonUtc();
		JsonNode before = read(get("/api/standup/today", auth(this.alice)), 200);
		LocalDate berlinToday = clock.instant().atZone(ZoneId.of("Europe/Berlin")).toLocalDate();
		assertThat(before.path("date").asText()).isEqualTo(berlinToday.toString());
		assertThat(before.path("timeZone").asText()).isEqualTo("Europe/Berlin");
		assertThat(before.path("standup").isNull()).isTrue();
		assertThat(before.path("questions")).extracting(q -> q.path("id").asText())
			.containsExactly("yesterday", "today", "blockers");

		JsonNode saved = read(put(this.alice,
				"{\"yesterday\": \"Fixed SCRUM-2\", \"today\": \"Review SCRUM-10\", \"issueKeys\": [\"SCRUM-1\"]}"),
				200);
		assertThat(saved.path("blockers").asText()).as("a skipped answer").isEmpty();
		assertThat(saved.path("issueKeys")).extracting(JsonNode::asText).containsExactly("SCRUM-1");

		JsonNode edited = read(put(this.alice, "{\"today\": \"Pair with Bob\"}"), 200);
		assertThat(edited.path("yesterday").asText()).isEmpty();
		assertThat(edited.path("today").asText()).isEqualTo("Pair with Bob");
		assertThat(edited.path("createdAt").asText()).isEqualTo(saved.path("createdAt").asText());
		assertThat(read(get("/api/standup/today", auth(this.alice)), 200).at("/standup/today").asText())
			.isEqualTo("Pair with Bob");

		clock.advance(Duration.ofDays(1));
		read(put(this.alice, "{\"yesterday\": \"Paired with Bob\"}"), 200);

		JsonNode history = read(get("/api/standup/history?limit=30", auth(this.alice)), 200);
		assertThat(history.path("standups")).extracting(s -> s.path("date").asText())
			.containsExactly(berlinToday.plusDays(1).toString(), berlinToday.toString());
		assertThat(read(get("/api/standup/history", auth(this.bob)), 200).path("standups")).as("another user's history")
			.isEmpty();
	}

	@Test
	void usersInUtcPlusThirteenAndUtcMinusTenAreOnDifferentDatesAtTheSameInstant() throws Exception {
		atNoonUtc();
		LocalDate utcDate = clock.instant().atZone(ZoneOffset.UTC).toLocalDate();
		this.site.timeZone(this.alice, ZoneId.of("Pacific/Tongatapu"))
			.timeZone(this.bob, ZoneId.of("Pacific/Honolulu"));

		JsonNode tonga = read(get("/api/standup/today", auth(this.alice)), 200);
		JsonNode honolulu = read(get("/api/standup/today", auth(this.bob)), 200);

		assertThat(tonga.path("date").asText()).isEqualTo(utcDate.plusDays(1).toString());
		assertThat(honolulu.path("date").asText()).isEqualTo(utcDate.toString());
		assertThat(read(put(this.alice, "{\"today\": \"SCRUM-2\"}"), 200).path("date").asText())
			.isEqualTo(utcDate.plusDays(1).toString());
		assertThat(read(put(this.bob, "{\"today\": \"SCRUM-1\"}"), 200).path("date").asText())
			.isEqualTo(utcDate.toString());
	}

	@Test
	void suggestionsAreWhatTheUserChangedYesterdayInTheirZoneAndTheirWorkInProgress() throws Exception {
		ZoneId berlin = ZoneId.of("Europe/Berlin");
		LocalDate today = clock.instant().atZone(berlin).toLocalDate();
		Instant yesterdayNoon = today.minusDays(1).atTime(12, 0).atZone(berlin).toInstant();
		Instant lastMinuteOfYesterday = today.atStartOfDay(berlin).toInstant().minusSeconds(30);
		this.site.activity("SCRUM-1", this.alice, yesterdayNoon)
			.activity("SCRUM-11", this.alice, lastMinuteOfYesterday)
			.activity("SCRUM-10", this.bob, yesterdayNoon)
			.activity("OPS-1", this.alice, today.minusDays(2).atTime(12, 0).atZone(berlin).toInstant());

		JsonNode day = read(get("/api/standup/today", auth(this.alice)), 200);

		assertThat(day.at("/suggestions/yesterday")).extracting(s -> s.path("issueKey").asText())
			.containsExactlyInAnyOrder("SCRUM-1", "SCRUM-11");
		assertThat(day.at("/suggestions/yesterday/0/why").asText()).isEqualTo("You updated it yesterday");
		assertThat(day.at("/suggestions/today")).extracting(s -> s.path("issueKey").asText())
			.containsExactly("SCRUM-2");
		assertThat(day.at("/suggestions/today/0/status").asText()).isEqualTo("In Progress");
		assertThat(day.at("/suggestions/today/0/url").asText()).endsWith("/browse/SCRUM-2");
		assertThat(this.site.calls("POST", "/rest/api/3/search/jql"))
			.anySatisfy(call -> assertThat(call.body())
				.contains("updatedBy(currentUser(), \\\"" + today.minusDays(1).toString().replace('-', '/')))
			.allSatisfy(call -> assertThat(call.caller()).isEqualTo(this.alice));
	}

	@Test
	void aCommentTheUserPostsThroughJiraCountsAsActivityForTheSuggestions() throws Exception {
		// Alice comments on SCRUM-10 today (through Jira as the app would); tomorrow it
		// is a suggestion.
		read(put(this.alice, "{\"today\": \"SCRUM-10\"}"), 200);
		JsonNode preview = preview(this.alice);
		read(confirm(this.alice, preview.path("proposalId").asText()), 200);
		clock.advance(Duration.ofDays(1));

		JsonNode day = read(get("/api/standup/today", auth(this.alice)), 200);

		assertThat(day.at("/suggestions/yesterday")).extracting(s -> s.path("issueKey").asText()).contains("SCRUM-10");
	}

	@Test
	void previewProposesOneCommentPerIssueAndConfirmingPostsEachOnceReportingTheForbiddenIssue() throws Exception {
		atNoonUtc();
		this.site.deny(this.alice, "ADD_COMMENTS", "OPS");
		read(put(this.alice, """
				{"yesterday": "Fixed the click handler of SCRUM-2 and the vault client of SCRUM-10",
				 "today": "Rotate the key of OPS-1",
				 "blockers": "SCRUM-2 waits for the PSP sandbox key from @Carol",
				 "issueKeys": ["SCRUM-1"]}"""), 200);

		JsonNode proposal = preview(this.alice);
		assertThat(proposal.path("kind").asText()).isEqualTo("standup.post");
		assertThat(proposal.path("state").asText()).isEqualTo("PENDING");
		JsonNode comments = proposal.at("/payload/comments");
		assertThat(comments).extracting(c -> c.path("issueKey").asText())
			.containsExactly("SCRUM-2", "SCRUM-10", "OPS-1", "SCRUM-1");
		assertThat(comments.get(0).path("blocked").asBoolean()).isTrue();
		assertThat(comments.get(0).path("body").asText()).startsWith("**Stand-up ")
			.contains("Done: Fixed the click handler")
			.contains("Planned: Rotate the key of OPS-1")
			.contains("Blocker: SCRUM-2 waits for the PSP sandbox key from @[Carol Admin](" + this.carol + ")");
		assertThat(comments.get(1).path("blocked").asBoolean()).isFalse();
		assertThat(comments.get(1).path("body").asText()).doesNotContain("Blocker");
		String id = proposal.path("proposalId").asText();
		assertThat(read(get("/api/proposals/" + id, auth(this.alice)), 200).path("payload"))
			.isEqualTo(proposal.path("payload"));

		JsonNode done = read(confirm(this.alice, id), 200);

		assertThat(done.path("state").asText()).isEqualTo("DONE");
		assertThat(done.at("/result/posted")).extracting(p -> p.path("issueKey").asText())
			.containsExactly("SCRUM-2", "SCRUM-10", "SCRUM-1");
		assertThat(done.at("/result/posted/0/url").asText()).contains("/browse/SCRUM-2?focusedCommentId=");
		assertThat(done.at("/result/refused")).singleElement().satisfies(refused -> {
			assertThat(refused.path("issueKey").asText()).isEqualTo("OPS-1");
			assertThat(refused.path("reason").asText()).isEqualTo("You may not comment on OPS-1.");
		});

		JsonNode again = read(confirm(this.alice, id), 200);
		assertThat(again.path("result")).isEqualTo(done.path("result"));
		for (String key : List.of("SCRUM-2", "SCRUM-10", "SCRUM-1")) {
			assertThat(standupComments(key)).as("stand-up comments on %s", key).hasSize(1);
			ContractSchemas.assertValidAdf(standupComments(key).get(0).path("body"));
		}
		assertThat(this.site.calls("POST", "/rest/api/3/issue/OPS-1/comment")).as("the refused issue, tried once")
			.hasSize(1);
		JsonNode blocked = standupComments("SCRUM-2").get(0);
		assertThat(blocked.path("author").asText()).isEqualTo(this.alice);
		assertThat(mentions(blocked.path("body"))).containsExactly(this.carol);
		assertThat(mentions(standupComments("SCRUM-10").get(0).path("body"))).isEmpty();
	}

	@Test
	void aBlockedIssueIsFlaggedAsAnImpedimentAfterConfirmationWhenAsked() throws Exception {
		atNoonUtc();
		this.site.deny(this.alice, "EDIT_ISSUES", "OPS");
		read(put(this.alice, """
				{"yesterday": "Fixed SCRUM-10", "blockers": "SCRUM-2 and OPS-1 wait for the PSP key"}"""), 200);

		JsonNode proposal = read(
				post("/api/standup/today/preview", auth(this.alice), "{\"flagBlocked\": true}", "application/json"),
				201);

		assertThat(proposal.at("/payload/comments")).extracting(c -> c.path("issueKey").asText() + "=" + c.path("flag"))
			.containsExactly("SCRUM-10=false", "SCRUM-2=true", "OPS-1=true");
		assertThat(this.site.data().issue("SCRUM-2").orElseThrow().path("custom").has("customfield_10021"))
			.as("nothing flagged before confirming")
			.isFalse();

		JsonNode done = read(confirm(this.alice, proposal.path("proposalId").asText()), 200);

		assertThat(done.at("/result/posted")).extracting(p -> p.path("issueKey").asText() + "=" + p.path("flagged"))
			.containsExactly("SCRUM-10=false", "SCRUM-2=true", "OPS-1=false");
		assertThat(done.at("/result/posted/2/flagError").asText())
			.isEqualTo("You may not edit OPS-1, so it is not flagged.");
		assertThat(this.site.data().issue("SCRUM-2").orElseThrow().at("/custom/customfield_10021/0/value").asText())
			.isEqualTo("Impediment");
		assertThat(this.site.calls("PUT", "/rest/api/3/issue/SCRUM-2")).singleElement()
			.satisfies(call -> assertThat(call.caller()).isEqualTo(this.alice));
		JsonNode issue = json
			.readTree(get("/api/proposals/" + proposal.path("proposalId").asText(), auth(this.alice)).body());
		assertThat(issue.path("state").asText()).isEqualTo("DONE");
	}

	@Test
	void onlyACommentCarryingTheBlockerMayFlagItsIssue() throws Exception {
		atNoonUtc();
		read(put(this.alice, "{\"yesterday\": \"Fixed SCRUM-10\"}"), 200);
		JsonNode proposal = preview(this.alice);
		ObjectNode payload = (ObjectNode) proposal.path("payload").deepCopy();
		((ObjectNode) payload.path("comments").get(0)).put("flag", true);

		HttpResponse<String> edited = send(HttpRequest
			.newBuilder(URI.create(appBaseUrl() + "/api/proposals/" + proposal.path("proposalId").asText()))
			.header("Authorization", auth(this.alice))
			.header("Content-Type", "application/json")
			.method("PATCH", HttpRequest.BodyPublishers.ofString(payload.toString()))
			.build());

		assertThat(edited.statusCode()).as(edited.body()).isEqualTo(400);
		assertThat(json.readTree(edited.body()).path("detail").asText()).contains("'flag'");
	}

	@Test
	void aBlockerNamingNobodyMentionsTheIssuesAssigneeAndNeverTheUser() throws Exception {
		atNoonUtc();
		// SCRUM-1 is Bob's; SCRUM-2 is Alice's own, reported by Carol.
		read(put(this.alice, "{\"blockers\": \"Waiting for the design review\", \"issueKeys\": [\"SCRUM-1\"]}"), 200);
		JsonNode one = preview(this.alice);
		assertThat(one.at("/payload/comments/0/body").asText())
			.endsWith("Blocker: Waiting for the design review @[Bob Builder](" + this.bob + ")");

		read(put(this.alice, "{\"blockers\": \"Waiting for the design review\", \"issueKeys\": [\"SCRUM-2\"]}"), 200);
		JsonNode own = preview(this.alice);
		assertThat(own.at("/payload/comments/0/body").asText()).as("the reporter, since the assignee is the user")
			.endsWith("@[Carol Admin](" + this.carol + ")")
			.doesNotContain(this.alice);
	}

	@Test
	void aTransientFailureLeavesTheProposalPartialAndConfirmingAgainPostsOnlyTheRest() throws Exception {
		atNoonUtc();
		read(put(this.alice, "{\"yesterday\": \"SCRUM-2, SCRUM-10 and SCRUM-1\"}"), 200);
		String id = preview(this.alice).path("proposalId").asText();
		this.site.inject(JiraFault.status("POST", "/rest/api/3/issue/SCRUM-10/comment", 503).times(4));

		JsonNode partial = read(confirm(this.alice, id), 200);

		assertThat(partial.path("state").asText()).isEqualTo("PARTIAL");
		assertThat(partial.at("/result/posted")).extracting(p -> p.path("issueKey").asText())
			.containsExactly("SCRUM-2", "SCRUM-1");
		assertThat(partial.at("/result/failed/0/issueKey").asText()).isEqualTo("SCRUM-10");

		JsonNode done = read(confirm(this.alice, id), 200);

		assertThat(done.path("state").asText()).isEqualTo("DONE");
		assertThat(done.at("/result/posted")).extracting(p -> p.path("issueKey").asText())
			.containsExactly("SCRUM-2", "SCRUM-1", "SCRUM-10");
		for (String key : List.of("SCRUM-2", "SCRUM-10", "SCRUM-1")) {
			assertThat(standupComments(key)).as("stand-up comments on %s", key).hasSize(1);
		}
		assertThat(this.site.calls("POST", "/rest/api/3/issue/SCRUM-2/comment")).hasSize(1);
	}

	@Test
	void whenNothingCanBePostedTheConfirmAnswersJirasProblemAndCanBeRepeated() throws Exception {
		atNoonUtc();
		read(put(this.alice, "{\"yesterday\": \"Fixed SCRUM-2\"}"), 200);
		String id = preview(this.alice).path("proposalId").asText();
		this.site.inject(JiraFault.status("POST", "/rest/api/3/issue/SCRUM-2/comment", 503).times(4));

		HttpResponse<String> failed = confirm(this.alice, id);

		assertThat(failed.statusCode()).as(failed.body()).isEqualTo(502);
		assertThat(json.readTree(failed.body()).path("type").asText()).endsWith("/jira-unavailable");
		assertThat(read(get("/api/proposals/" + id, auth(this.alice)), 200).path("state").asText()).isEqualTo("FAILED");
		assertThat(standupComments("SCRUM-2")).isEmpty();

		JsonNode done = read(confirm(this.alice, id), 200);

		assertThat(done.path("state").asText()).isEqualTo("DONE");
		assertThat(standupComments("SCRUM-2")).hasSize(1);
	}

	@Test
	void aStandupNamingNoIssueTheUserCanSeeHasNothingToPreview() throws Exception {
		atNoonUtc();
		this.site.deny(this.alice, "BROWSE_PROJECTS", "OPS");
		read(put(this.alice, "{\"yesterday\": \"Worked on OPS-1\"}"), 200);

		HttpResponse<String> previewed = post("/api/standup/today/preview", auth(this.alice),
				"{\"flagBlocked\": false}", "application/json");

		assertThat(previewed.statusCode()).as(previewed.body()).isEqualTo(400);
		assertThat(json.readTree(previewed.body()).path("detail").asText()).contains("nothing to post");
	}

	@Test
	void anEditedBodyAndADroppedCommentArePostedAsEditedBeforeConfirming() throws Exception {
		atNoonUtc();
		read(put(this.alice, "{\"yesterday\": \"SCRUM-2 and SCRUM-10\"}"), 200);
		JsonNode proposal = preview(this.alice);
		String id = proposal.path("proposalId").asText();
		ObjectNode payload = (ObjectNode) proposal.path("payload").deepCopy();
		ArrayNode comments = (ArrayNode) payload.path("comments");
		comments.remove(1);
		((ObjectNode) comments.get(0)).put("body", "Done: the Safari fix, thanks @[Bob Builder](" + this.bob + ")");

		HttpResponse<String> edited = send(HttpRequest.newBuilder(URI.create(appBaseUrl() + "/api/proposals/" + id))
			.header("Authorization", auth(this.alice))
			.header("Content-Type", "application/json")
			.method("PATCH", HttpRequest.BodyPublishers.ofString(payload.toString()))
			.build());
		assertThat(edited.statusCode()).as(edited.body()).isEqualTo(200);
		JsonNode done = read(confirm(this.alice, id), 200);

		assertThat(done.at("/result/posted")).extracting(p -> p.path("issueKey").asText()).containsExactly("SCRUM-2");
		assertThat(standupComments("SCRUM-10")).as("the dropped comment").isEmpty();
		JsonNode posted = standupComments("SCRUM-2").get(0).path("body");
		ContractSchemas.assertValidAdf(posted);
		assertThat(posted.toString()).contains("Done: the Safari fix, thanks ");
		assertThat(mentions(posted)).containsExactly(this.bob);
	}

	@Test
	void theTeamViewIsOnlyForUsersWhoMayBrowseTheProjectAndSummarisesTheDayOnce() throws Exception {
		atNoonUtc();
		this.site.deny(this.carol, "BROWSE_PROJECTS", "SCRUM");
		read(put(this.alice, "{\"yesterday\": \"Fixed SCRUM-2\", \"today\": \"Review SCRUM-10\"}"), 200);
		read(put(this.bob, "{\"today\": \"SCRUM-1\", \"blockers\": \"Waiting for the API key on SCRUM-1\"}"), 200);
		openAi.reply("Two of three gave a stand-up; **SCRUM-1** is blocked on the API key.");

		JsonNode team = read(get("/api/standup/team?projectKey=SCRUM", auth(this.alice)), 200);

		assertThat(team.path("projectKey").asText()).isEqualTo("SCRUM");
		assertThat(team.path("people")).extracting(p -> p.path("displayName").asText() + "=" + p.path("given"))
			.contains("Alice Analyst=true", "Bob Builder=true", "Carol Admin=false");
		assertThat(team.path("blockers")).singleElement().satisfies(blocker -> {
			assertThat(blocker.path("displayName").asText()).isEqualTo("Bob Builder");
			assertThat(blocker.path("issueKeys")).extracting(JsonNode::asText).containsExactly("SCRUM-1");
		});
		assertThat(team.path("summary").asText())
			.isEqualTo("Two of three gave a stand-up; **SCRUM-1** is blocked on the API key.");
		assertThat(team.path("summaryError").isNull()).isTrue();
		assertThat(openAi.requests()).hasSize(1);
		assertThat(openAi.requests().get(0).toString()).contains("Waiting for the API key on SCRUM-1")
			.contains("untrusted_data");

		HttpResponse<String> hidden = get("/api/standup/team?projectKey=SCRUM", auth(this.carol));
		assertThat(hidden.statusCode()).as(hidden.body()).isEqualTo(404);
		assertThat(hidden.headers().firstValue("Content-Type")).hasValue("application/problem+json");

		assertThat(read(get("/api/standup/team?projectKey=SCRUM", auth(this.bob)), 200).path("summary").asText())
			.as("the cached summary, no second call")
			.startsWith("Two of three");
		assertThat(openAi.requests()).hasSize(1);

		read(put(this.bob, "{\"today\": \"SCRUM-1\", \"blockers\": \"\"}"), 200);
		openAi.reply("Two of three gave a stand-up; nothing is blocked.");
		JsonNode newer = read(get("/api/standup/team?projectKey=SCRUM", auth(this.alice)), 200);
		assertThat(newer.path("summary").asText()).isEqualTo("Two of three gave a stand-up; nothing is blocked.");
		assertThat(newer.path("blockers")).isEmpty();
		assertThat(openAi.requests()).hasSize(2);
	}

	@Test
	void aModelFailureLeavesTheTeamViewWithoutSummaryButWithEverythingElse() throws Exception {
		atNoonUtc();
		read(put(this.bob, "{\"today\": \"SCRUM-1\"}"), 200);
		openAi
			.reply(new FakeOpenAi.Error(400, "invalid_request_error", "bad_request", "The request was refused.", null));

		JsonNode team = read(get("/api/standup/team?projectKey=SCRUM", auth(this.alice)), 200);

		assertThat(team.path("summary").isNull()).isTrue();
		assertThat(team.path("summaryError").asText()).startsWith("The AI summary could not be written");
		assertThat(team.path("people")).extracting(p -> p.path("displayName").asText()).contains("Bob Builder");
	}

	@Test
	void aDayWithoutStandupsMakesNoModelCall() throws Exception {
		JsonNode team = read(get("/api/standup/team?projectKey=OPS", auth(this.alice)), 200);

		assertThat(team.path("people")).allSatisfy(p -> assertThat(p.path("given").asBoolean()).isFalse());
		assertThat(team.path("summary").isNull()).isTrue();
		assertThat(team.path("summaryError").isNull()).isTrue();
		assertThat(openAi.requests()).isEmpty();
	}

	@Test
	void snoozingIsForTheUsersDayAndShowsInToday() throws Exception {
		atNoonUtc();
		HttpResponse<String> snoozed = post("/api/standup/snooze", auth(this.alice), null, "application/json");
		assertThat(snoozed.statusCode()).isEqualTo(204);

		assertThat(read(get("/api/standup/today", auth(this.alice)), 200).path("snoozed").asBoolean()).isTrue();
		assertThat(read(get("/api/standup/today", auth(this.bob)), 200).path("snoozed").asBoolean()).isFalse();
		clock.advance(Duration.ofDays(1));
		assertThat(read(get("/api/standup/today", auth(this.alice)), 200).path("snoozed").asBoolean()).isFalse();
	}

	@Test
	void badInputIsAProblemThatSaysWhatIsWrong() throws Exception {
		atNoonUtc();
		expectProblem(put(this.alice, "{\"yesterday\": \" \", \"today\": null}"), 400, "invalid-standup",
				"At least one of");
		expectProblem(put(this.alice, "{\"yesterday\": \"" + "x".repeat(4001) + "\"}"), 400, "invalid-standup",
				"'yesterday' is 4001 characters long");
		expectProblem(put(this.alice, "{\"today\": \"x\", \"issueKeys\": [\"not a key\"]}"), 400, null, "issueKeys");
		List<String> keys = new ArrayList<>();
		for (int i = 1; i <= 21; i++) {
			keys.add("\"SCRUM-" + i + "\"");
		}
		expectProblem(put(this.alice, "{\"today\": \"x\", \"issueKeys\": [" + String.join(",", keys) + "]}"), 400,
				"invalid-standup", "at most 20");
		expectProblem(get("/api/standup/history?limit=101", auth(this.alice)), 400, "invalid-standup", "'limit'");
		expectProblem(
				post("/api/standup/today/preview", auth(this.alice), "{\"flagBlocked\": false}", "application/json"),
				409, "standup-not-saved", "not saved yet");
		expectProblem(get("/api/standup/team?projectKey=not-a-key", auth(this.alice)), 400, null, null);
		expectProblem(get("/api/standup/team", auth(this.alice)), 400, null, null);
		assertThat(get("/api/standup/today", null).statusCode()).isEqualTo(401);
	}

	/**
	 * Moves the app's clock to the next noon UTC, when every seeded user's zone is on the
	 * same date, so a test is not cut by midnight somewhere.
	 */
	private static void atNoonUtc() {
		Instant now = clock.instant();
		Instant noon = now.atZone(ZoneOffset.UTC).toLocalDate().atTime(12, 0).toInstant(ZoneOffset.UTC);
		clock.advance(Duration.between(now, noon.isAfter(now) ? noon : noon.plus(Duration.ofDays(1))));
	}

	private void expectProblem(HttpResponse<String> response, int status, String type, String detail) throws Exception {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		JsonNode problem = json.readTree(response.body());
		if (type != null) {
			assertThat(problem.path("type").asText()).isEqualTo("https://jira-ai.dev/problems/" + type);
		}
		if (detail != null) {
			assertThat(problem.path("detail").asText()).contains(detail);
		}
	}

	/**
	 * The comments on an issue that carry the app's request id: those a stand-up posted.
	 */
	private List<JsonNode> standupComments(String issueKey) {
		List<JsonNode> found = new ArrayList<>();
		this.site.data().issue(issueKey).orElseThrow().path("comments").forEach(comment -> {
			if (comment.path("properties").has("com.jiraai.request")) {
				found.add(comment);
			}
		});
		return found;
	}

	private static List<String> mentions(JsonNode adf) {
		List<String> ids = new ArrayList<>();
		adf.findParents("type").forEach(node -> {
			if (node.path("type").asText().equals("mention")) {
				ids.add(node.path("attrs").path("id").asText());
			}
		});
		return ids;
	}

	private String auth(String accountId) {
		return "JWT " + this.site.contextJwt(accountId);
	}

	private HttpResponse<String> put(String accountId, String body) {
		return send(HttpRequest.newBuilder(URI.create(appBaseUrl() + "/api/standup/today"))
			.header("Authorization", auth(accountId))
			.header("Content-Type", "application/json")
			.header("Accept", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString(body))
			.build());
	}

	/** Today's {@code standup.post} proposal of the user. */
	private JsonNode preview(String accountId) throws Exception {
		return read(post("/api/standup/today/preview", auth(accountId), "{\"flagBlocked\": false}", "application/json"),
				201);
	}

	private HttpResponse<String> confirm(String accountId, String proposalId) {
		return post("/api/proposals/" + proposalId + "/confirm", auth(accountId), null, "application/json");
	}

	private static JsonNode read(HttpResponse<String> response, int status) throws Exception {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		return json.readTree(response.body());
	}

}

package dev.jiraai.support;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The REST v3 endpoints of a {@link SimulatedSite}, called over HTTP as the app (Connect
 * JWT with a {@code qsh} bound to the request) or as a user (bearer token), with no
 * Spring context: Jira's answers, paging, JQL, field validation and permission semantics,
 * and after every test no request or answer that breaks Jira's OpenAPI spec.
 */
class SimulatedSiteEndpointsTests {

	private static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private static final String ADF_HELLO = """
			{"type":"doc","version":1,"content":[{"type":"paragraph","content":[{"type":"text","text":"Hello"}]}]}""";

	private SimulatedSite site;

	private String alice;

	private String bob;

	private String carol;

	private String dan;

	@BeforeEach
	void newSite() {
		this.site = JiraCloudSimulator.shared().newSite("endpoints");
		this.alice = this.site.user("Alice");
		this.bob = this.site.user("Bob");
		this.carol = this.site.user("Carol");
		this.dan = this.site.user("Dan");
	}

	@AfterEach
	void noRequestOrAnswerBrokeTheSpec() {
		try {
			assertThat(this.site.violations()).as("spec violations of requests and of the simulator's answers")
				.isEmpty();
		}
		finally {
			this.site.close();
		}
	}

	// ---- HTTP helpers
	// -----------------------------------------------------------------------------------------

	/** An answer of the site. */
	record Answer(int status, JsonNode json, String raw) {

		JsonNode path(String name) {
			return this.json.path(name);
		}

	}

	private Answer asApp(String method, String pathAndQuery, String body) {
		String jwt = ConnectJwts.hs256(this.site.sharedSecret(), JiraCloudSimulator.APP_KEY,
				claims -> claims.claim("qsh", ConnectJwts.qsh(method, pathAndQuery)));
		return send(method, pathAndQuery, body, "JWT " + jwt);
	}

	private Answer asApp(String method, String pathAndQuery) {
		return asApp(method, pathAndQuery, null);
	}

	private Answer as(String accountId, String method, String pathAndQuery, String body) {
		return send(method, pathAndQuery, body, "Bearer " + this.site.forgeUserToken(accountId));
	}

	private Answer as(String accountId, String method, String pathAndQuery) {
		return as(accountId, method, pathAndQuery, null);
	}

	private Answer send(String method, String pathAndQuery, String body, String authorization) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.site.baseUrl() + pathAndQuery))
			.header("Authorization", authorization)
			.header("Accept", "application/json");
		if (body != null) {
			request.header("Content-Type", "application/json")
				.method(method, HttpRequest.BodyPublishers.ofString(body));
		}
		else {
			request.method(method, HttpRequest.BodyPublishers.noBody());
		}
		try {
			HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
			JsonNode json = response.body().isEmpty() ? SiteData.json.missingNode()
					: SiteData.json.readTree(response.body());
			return new Answer(response.statusCode(), json, response.body());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
	}

	private static String json(Object value) {
		try {
			return SiteData.json.writeValueAsString(value);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static List<String> texts(JsonNode array, String field) {
		List<String> texts = new ArrayList<>();
		array.forEach(node -> texts.add(node.path(field).asText()));
		return texts;
	}

	private static List<String> fieldNames(JsonNode object) {
		List<String> names = new ArrayList<>();
		object.fieldNames().forEachRemaining(names::add);
		return names;
	}

	private List<String> searchKeys(String accountIdOrApp, String jql) {
		String body = json(Map.of("jql", jql, "fields", List.of("key")));
		Answer answer = "app".equals(accountIdOrApp) ? asApp("POST", "/rest/api/3/search/jql", body)
				: as(accountIdOrApp, "POST", "/rest/api/3/search/jql", body);
		assertThat(answer.status()).as("search %s: %s", jql, answer.raw()).isEqualTo(200);
		return texts(answer.path("issues"), "key");
	}

	private Answer search(String body) {
		return asApp("POST", "/rest/api/3/search/jql", body);
	}

	// ---- endpoints
	// --------------------------------------------------------------------------------------------

	@Nested
	class GetIssue {

		@Test
		void returnsAllFieldsWithParentSubtasksLinksCommentsAndCustomFields() {
			Answer issue = asApp("GET", "/rest/api/3/issue/SCRUM-1");

			assertThat(issue.status()).isEqualTo(200);
			assertThat(issue.path("id").asText()).isEqualTo("10010");
			assertThat(issue.path("self").asText()).isEqualTo(site.baseUrl() + "/rest/api/3/issue/10010");
			JsonNode fields = issue.path("fields");
			assertThat(fields.path("summary").asText()).isEqualTo("Let customers save a card for faster checkout");
			assertThat(fields.path("issuetype").path("name").asText()).isEqualTo("Story");
			assertThat(fields.path("status").path("statusCategory").path("key").asText()).isEqualTo("new");
			assertThat(fields.path("parent").path("key").asText()).isEqualTo("SCRUM-10");
			assertThat(fields.path("parent").path("fields").path("issuetype").path("name").asText()).isEqualTo("Epic");
			assertThat(fields.path("parent").path("fields").path("status").path("name").asText())
				.isEqualTo("In Progress");
			assertThat(fields.path("subtasks")).singleElement().satisfies(subtask -> {
				assertThat(subtask.path("key").asText()).isEqualTo("SCRUM-11");
				assertThat(subtask.path("fields").path("summary").asText()).startsWith("Add the card vault client");
				assertThat(subtask.path("fields").path("issuetype").path("subtask").asBoolean()).isTrue();
			});
			assertThat(fields.path("issuelinks")).hasSize(2);
			JsonNode blocked = fields.path("issuelinks").get(0);
			assertThat(blocked.path("type").path("name").asText()).isEqualTo("Blocks");
			assertThat(blocked.path("type").path("inward").asText()).isEqualTo("is blocked by");
			assertThat(blocked.path("type").path("outward").asText()).isEqualTo("blocks");
			assertThat(blocked.path("inwardIssue").path("key").asText()).isEqualTo("SCRUM-2");
			assertThat(blocked.has("outwardIssue")).isFalse();
			JsonNode relates = fields.path("issuelinks").get(1);
			assertThat(relates.path("type").path("outward").asText()).isEqualTo("relates to");
			assertThat(relates.path("outwardIssue").path("key").asText()).isEqualTo("OPS-1");
			assertThat(relates.path("outwardIssue").path("fields").path("status").path("name").asText())
				.isEqualTo("Done");
			assertThat(fields.path("comment").path("comments")).hasSize(1);
			assertThat(fields.path("comment").path("comments").get(0).path("author").path("displayName").asText())
				.isEqualTo("Bob Builder");
			assertThat(texts(fields.path("components"), "name")).containsExactly("Checkout");
			assertThat(fields.path("components").get(0).path("id").asText()).isEqualTo("10100");
			assertThat(SiteData.texts(fields.path("labels"))).containsExactly("checkout", "payments");
			assertThat(fields.path("customfield_10016").asInt()).isEqualTo(5);
			assertThat(fields.path("customfield_10050").isNull()).isTrue();
			assertThat(fields.path("assignee").path("displayName").asText()).isEqualTo("Bob Builder");
			assertThat(issue.raw()).doesNotContain("emailAddress");
			assertThat(issue.json().has("properties")).isFalse();
		}

		@Test
		void returnsOnlyTheAskedFieldsButAlwaysIdKeyAndSelf() {
			Answer issue = asApp("GET", "/rest/api/3/issue/SCRUM-2?fields=summary,status");

			assertThat(issue.status()).isEqualTo(200);
			assertThat(issue.path("key").asText()).isEqualTo("SCRUM-2");
			assertThat(issue.path("id").asText()).isEqualTo("10011");
			assertThat(issue.path("self").asText()).endsWith("/rest/api/3/issue/10011");
			assertThat(fieldNames(issue.path("fields"))).containsExactly("summary", "status");
		}

		@Test
		void readsNavigableAndExcludedFields() {
			Answer navigable = asApp("GET", "/rest/api/3/issue/SCRUM-2?fields=*navigable");
			Answer allButComment = asApp("GET", "/rest/api/3/issue/SCRUM-2?fields=*all,-comment");

			assertThat(fieldNames(navigable.path("fields"))).contains("summary", "status", "customfield_10050")
				.doesNotContain("comment");
			assertThat(fieldNames(allButComment.path("fields"))).contains("summary", "description")
				.doesNotContain("comment");
			assertThat(navigable.path("fields").path("customfield_10050").asText())
				.isEqualTo("Safari 17.1 on macOS 14");
		}

		@Test
		void returnsTheAskedEntityProperties() {
			Answer issue = asApp("GET", "/rest/api/3/issue/SCRUM-2?fields=summary&properties=com.jiraai.request,other");

			assertThat(issue.path("properties").path("com.jiraai.request").path("requestId").asText())
				.isEqualTo("3f1c2a9e-6b7d-4e21-9c55-0d8e7f6a5b41");
			assertThat(fieldNames(issue.path("properties"))).containsExactly("com.jiraai.request");
		}

		@Test
		void rendersAnOptionFieldAndAResolution() {
			JsonNode fields = asApp("GET", "/rest/api/3/issue/OPS-1").path("fields");

			assertThat(fields.path("customfield_10060").path("value").asText()).isEqualTo("Payments");
			assertThat(fields.path("customfield_10060").path("id").asText()).isEqualTo("10500");
			assertThat(fields.path("resolution").path("name").asText()).isEqualTo("Done");
			assertThat(fields.path("assignee").isNull()).isTrue();
			assertThat(fields.has("parent")).isFalse();
		}

		@Test
		void answers404ForAnUnknownIssue() {
			Answer missing = asApp("GET", "/rest/api/3/issue/SCRUM-999");

			assertThat(missing.status()).isEqualTo(404);
			assertThat(SiteData.texts(missing.path("errorMessages")))
				.containsExactly("Issue does not exist or you do not have permission to see it.");
		}

		@Test
		void answers404NotForbiddenForAnIssueTheUserCannotBrowse() {
			site.deny(alice, "BROWSE_PROJECTS", "SCRUM");

			Answer hidden = as(alice, "GET", "/rest/api/3/issue/SCRUM-1");

			assertThat(hidden.status()).isEqualTo(404);
			assertThat(SiteData.texts(hidden.path("errorMessages")))
				.containsExactly("Issue does not exist or you do not have permission to see it.");
			assertThat(as(bob, "GET", "/rest/api/3/issue/SCRUM-1").status()).isEqualTo(200);
			assertThat(asApp("GET", "/rest/api/3/issue/SCRUM-1").status()).isEqualTo(200);
			assertThat(as(alice, "GET", "/rest/api/3/issue/OPS-1").status()).isEqualTo(200);
		}

		@Test
		void hidesLinkedIssuesTheUserCannotBrowse() {
			site.deny(alice, "BROWSE_PROJECTS", "OPS");

			JsonNode links = as(alice, "GET", "/rest/api/3/issue/SCRUM-1?fields=issuelinks").path("fields")
				.path("issuelinks");

			assertThat(links).singleElement()
				.satisfies(link -> assertThat(link.path("inwardIssue").path("key").asText()).isEqualTo("SCRUM-2"));
		}

	}

	@Nested
	class Search {

		@Test
		void pagesWithAnOpaqueNextPageToken() {
			Answer first = search("""
					{"jql":"project = SCRUM ORDER BY key ASC","fields":["summary"],"maxResults":2}""");

			assertThat(texts(first.path("issues"), "key")).containsExactly("SCRUM-1", "SCRUM-2");
			assertThat(first.path("isLast").asBoolean()).isFalse();
			String token = first.path("nextPageToken").asText();
			assertThat(token).isNotBlank();

			Answer second = search("""
					{"jql":"project = SCRUM ORDER BY key ASC","fields":["summary"],"maxResults":2,
					 "nextPageToken":"%s"}""".formatted(token));

			assertThat(texts(second.path("issues"), "key")).containsExactly("SCRUM-10", "SCRUM-11");
			assertThat(second.path("isLast").asBoolean()).isTrue();
			assertThat(second.json().has("nextPageToken")).isFalse();
		}

		@Test
		void defaultsToFiftyIssuesWithIdsOnly() {
			for (int i = 0; i < 55; i++) {
				Answer created = asApp("POST", "/rest/api/3/issue", """
						{"fields":{"project":{"key":"OPS"},"issuetype":{"name":"Bug"},"summary":"Flaky alert %d"}}"""
					.formatted(i));
				assertThat(created.status()).isEqualTo(201);
			}

			Answer first = search("""
					{"jql":"project = OPS"}""");

			assertThat(first.path("issues")).hasSize(50);
			assertThat(fieldNames(first.path("issues").get(0))).containsExactly("id");
			Answer second = search("""
					{"jql":"project = OPS","nextPageToken":"%s"}""".formatted(first.path("nextPageToken").asText()));
			assertThat(second.path("issues")).hasSize(6);
			assertThat(second.path("isLast").asBoolean()).isTrue();
		}

		@ParameterizedTest(name = "{0}")
		@CsvSource(delimiter = '|', textBlock = """
				project = SCRUM                                  | SCRUM-1 SCRUM-2 SCRUM-10 SCRUM-11
				project in (SCRUM, OPS)                          | SCRUM-1 SCRUM-2 SCRUM-10 SCRUM-11 OPS-1
				project = 10001                                  | OPS-1
				key = SCRUM-2                                    | SCRUM-2
				issuekey in (SCRUM-2, OPS-1)                     | SCRUM-2 OPS-1
				assignee = "5b10a2844c20165700ede21g"            | SCRUM-2
				assignee is EMPTY                                | SCRUM-11 OPS-1
				assignee is not EMPTY AND project = SCRUM        | SCRUM-1 SCRUM-2 SCRUM-10
				assignee != "5b10a2844c20165700ede21g"           | SCRUM-1 SCRUM-10
				status = "In Progress"                           | SCRUM-2 SCRUM-10
				status in ("To Do", "Done")                      | SCRUM-1 SCRUM-11 OPS-1
				status != "In Progress"                          | SCRUM-1 SCRUM-11 OPS-1
				statusCategory = Done                            | OPS-1
				statusCategory = "In Progress"                   | SCRUM-2 SCRUM-10
				statusCategory = "To Do"                         | SCRUM-1 SCRUM-11
				statusCategory != Done                           | SCRUM-1 SCRUM-2 SCRUM-10 SCRUM-11
				issuetype = Bug                                  | SCRUM-2
				type in (Epic, Subtask)                          | SCRUM-10 SCRUM-11
				parent = SCRUM-1                                 | SCRUM-11
				parent = SCRUM-10                                | SCRUM-1
				labels = checkout                                | SCRUM-1 SCRUM-2
				labels = payments AND status = "To Do"           | SCRUM-1
				priority = Low                                   | SCRUM-11 OPS-1
				component = "Billing API"                        | SCRUM-11
				resolution = Unresolved AND project = OPS        | ''
				resolution = Done                                | OPS-1
				text ~ "safari checkout"                         | SCRUM-2
				text ~ "tokenised"                               | SCRUM-1
				text ~ "SAFARI"                                  | SCRUM-2
				summary ~ "card"                                 | SCRUM-1 SCRUM-11
				summary ~ "rotat*"                               | OPS-1
				issue.property[com.jiraai.request].requestId = "3f1c2a9e-6b7d-4e21-9c55-0d8e7f6a5b41" | SCRUM-2
				issue.property[com.jiraai.request].source = draft | SCRUM-2
				created >= "2026-11-01"                          | SCRUM-1 SCRUM-2 SCRUM-11
				created < "2026-10-20" AND project in (SCRUM, OPS) | OPS-1
				updated <= "2026-11-16 09:30" AND project = SCRUM | SCRUM-10 SCRUM-11
				reporter = currentUser()                         | ''
				created is not EMPTY AND project = OPS           | OPS-1
				description is EMPTY AND project = SCRUM         | SCRUM-11
				assignee = currentUser()                         | ''
				""")
		void evaluatesEachClauseOfTheSupportedJql(String jql, String expected) {
			List<String> keys = searchKeys("app", jql);

			assertThat(keys).containsExactlyInAnyOrder(expected.isBlank() ? new String[0] : expected.split(" "));
		}

		@Test
		void ordersByTheOrderByClause() {
			assertThat(searchKeys("app", "project = SCRUM ORDER BY created DESC")).containsExactly("SCRUM-11",
					"SCRUM-2", "SCRUM-1", "SCRUM-10");
			assertThat(searchKeys("app", "project in (SCRUM, OPS) order by priority DESC, key ASC"))
				.containsExactly("SCRUM-2", "SCRUM-1", "SCRUM-10", "OPS-1", "SCRUM-11");
			assertThat(searchKeys("app", "project = SCRUM ORDER BY key")).containsExactly("SCRUM-1", "SCRUM-2",
					"SCRUM-10", "SCRUM-11");
		}

		@Test
		void currentUserIsTheCallingUser() {
			assertThat(searchKeys(alice, "assignee = currentUser()")).containsExactly("SCRUM-2");
			assertThat(searchKeys(alice, "reporter = currentUser()")).containsExactly("SCRUM-1");
			assertThat(searchKeys(carol, "assignee = currentUser()")).containsExactly("SCRUM-10");
		}

		@Test
		void updatedByFindsWhatTheUserChangedInADateRangeReadInTheirTimeZone() {
			java.time.ZoneId tonga = java.time.ZoneId.of("Pacific/Tongatapu");
			site.timeZone(alice, tonga);
			java.time.LocalDate day = java.time.LocalDate.of(2026, 12, 5);
			// 23:30 in Tonga on the 5th is 10:30 UTC: the 5th for Alice, whatever UTC
			// says.
			site.activity("SCRUM-1", alice, day.atTime(23, 30).atZone(tonga).toInstant())
				.activity("SCRUM-10", alice, day.plusDays(1).atStartOfDay(tonga).toInstant())
				.activity("SCRUM-11", bob, day.atTime(12, 0).atZone(tonga).toInstant())
				.activity("OPS-1", alice, day.minusDays(1).atTime(12, 0).atZone(tonga).toInstant());

			assertThat(searchKeys(alice, "issuekey in updatedBy(currentUser(), \"2026/12/05\", \"2026/12/05\")"))
				.containsExactly("SCRUM-1");
			assertThat(searchKeys(alice, "issuekey in updatedBy(currentUser(), \"2026/12/04\", \"2026/12/06\")"))
				.containsExactlyInAnyOrder("SCRUM-1", "SCRUM-10", "OPS-1");
			assertThat(searchKeys(alice, "issuekey in updatedBy(\"%s\") AND project = SCRUM".formatted(bob)))
				.containsExactly("SCRUM-11");
			assertThat(searchKeys(alice, "issuekey not in updatedBy(currentUser()) AND project = SCRUM"))
				.containsExactlyInAnyOrder("SCRUM-11", "SCRUM-2");
		}

		@Test
		void updatedBySeesTheCommentsTransitionsAndEditsMadeThroughTheSite() {
			assertThat(as(alice, "POST", "/rest/api/3/issue/SCRUM-1/comment", "{\"body\": " + ADF_HELLO + "}").status())
				.isEqualTo(201);
			assertThat(as(bob, "PUT", "/rest/api/3/issue/SCRUM-11", """
					{"fields":{"summary":"Add the card vault client"}}""").status()).isEqualTo(204);

			assertThat(searchKeys(alice, "issuekey in updatedBy(currentUser(), \"-1d\")")).containsExactly("SCRUM-1");
			assertThat(searchKeys(bob, "issuekey in updatedBy(currentUser())")).containsExactly("SCRUM-11");
		}

		@Test
		void updatedByRefusesAnUnknownUserAndAnOperatorOtherThanIn() {
			Answer unknown = search("""
					{"jql":"issuekey in updatedBy(\\"nobody-at-all\\")"}""");
			assertThat(unknown.status()).isEqualTo(400);
			assertThat(unknown.raw()).contains("does not exist");
			Answer equals = search("""
					{"jql":"issuekey = updatedBy(currentUser())"}""");
			assertThat(equals.status()).isEqualTo(400);
		}

		@Test
		void relativeDatesCountBackFromNow() {
			assertThat(asApp("PUT", "/rest/api/3/issue/SCRUM-11", """
					{"fields":{"summary":"Add the card vault client"}}""").status()).isEqualTo(204);

			assertThat(searchKeys("app", "updated >= -1d")).contains("SCRUM-11").doesNotContain("OPS-1");
			assertThat(searchKeys("app", "updated >= -2h AND project = SCRUM")).contains("SCRUM-11");
			assertThat(searchKeys("app", "updated >= -1w AND key = OPS-1")).isEmpty();
		}

		@Test
		void findsAnIssueByAPropertyTheAppSet() {
			asApp("PUT", "/rest/api/3/issue/OPS-1/properties/com.jiraai.request", """
					{"requestId":"b1e2c3d4-0000-4000-8000-000000000001"}""");

			assertThat(searchKeys("app",
					"issue.property[com.jiraai.request].requestId = \"b1e2c3d4-0000-4000-8000-000000000001\""))
				.containsExactly("OPS-1");
		}

		@Test
		void returnsTheAskedFieldsAndProperties() {
			Answer answer = search("""
					{"jql":"key = SCRUM-2","fields":["summary","status"],"properties":["com.jiraai.request"]}""");

			JsonNode issue = answer.path("issues").get(0);
			assertThat(issue.path("key").asText()).isEqualTo("SCRUM-2");
			assertThat(fieldNames(issue.path("fields"))).containsExactly("summary", "status");
			assertThat(issue.path("properties").path("com.jiraai.request").path("source").asText()).isEqualTo("draft");
		}

		@Test
		void searchesWithGetToo() {
			String jql = encode("project = OPS");
			Answer answer = asApp("GET", "/rest/api/3/search/jql?jql=" + jql + "&fields=summary");

			assertThat(texts(answer.path("issues"), "key")).containsExactly("OPS-1");
			assertThat(answer.path("isLast").asBoolean()).isTrue();
		}

		@Test
		void silentlyLeavesOutIssuesTheUserCannotBrowse() {
			site.deny(alice, "BROWSE_PROJECTS", "SCRUM");

			assertThat(searchKeys(alice, "statusCategory != \"In Progress\"")).containsExactly("OPS-1");
			assertThat(searchKeys(bob, "statusCategory != \"In Progress\"")).contains("SCRUM-1", "OPS-1");
		}

		@Test
		void treatsAProjectTheUserCannotBrowseAsUnknown() {
			site.deny(alice, "BROWSE_PROJECTS", "SCRUM");

			Answer answer = as(alice, "POST", "/rest/api/3/search/jql", """
					{"jql":"project = SCRUM"}""");

			assertThat(answer.status()).isEqualTo(400);
			assertThat(SiteData.texts(answer.path("errorMessages")))
				.containsExactly("The value 'SCRUM' does not exist for the field 'project'.");
		}

		@Test
		void rejectsInvalidJqlAsJiraDoes() {
			Answer incomplete = search("""
					{"jql":"project = "}""");
			Answer unknownStatus = search("""
					{"jql":"status = Nope"}""");
			Answer unquoted = search("""
					{"jql":"summary ~ \\"card"}""");
			Answer unknownKey = search("""
					{"jql":"key = SCRUM-999"}""");

			assertThat(incomplete.status()).isEqualTo(400);
			assertThat(incomplete.path("errorMessages").get(0).asText()).startsWith("Error in the JQL Query: ");
			assertThat(incomplete.path("errors").isObject()).isTrue();
			assertThat(unknownStatus.path("errorMessages").get(0).asText())
				.isEqualTo("The value 'Nope' does not exist for the field 'status'.");
			assertThat(unquoted.path("errorMessages").get(0).asText())
				.startsWith("Error in the JQL Query: The quoted string 'card' has not been completed.");
			assertThat(unknownKey.path("errorMessages").get(0).asText())
				.isEqualTo("An issue with key 'SCRUM-999' does not exist for field 'key'.");
		}

		@Test
		void rejectsUnboundedQueries() {
			Answer answer = search("""
					{"jql":"ORDER BY created DESC"}""");

			assertThat(answer.status()).isEqualTo(400);
			assertThat(SiteData.texts(answer.path("errorMessages"))).containsExactly(
					"Unbounded JQL queries are not allowed here. Please add a search restriction to your query.");
		}

		@Test
		void reportsValidJqlItCannotEvaluateAsASimulatorGap() {
			Answer or = search("""
					{"jql":"project = SCRUM OR project = OPS"}""");
			Answer sprint = search("""
					{"jql":"sprint in openSprints()"}""");

			assertThat(or.status()).isEqualTo(400);
			assertThat(or.path("errorMessages").get(0).asText()).startsWith("Error in the JQL Query: ");
			assertThat(sprint.status()).isEqualTo(400);
			assertThat(site.violations()).hasSize(2)
				.allSatisfy(violation -> assertThat(violation).contains("the simulator cannot evaluate the JQL"));
			site.resetViolations();
		}

	}

	@Nested
	class RemovedSearch {

		@Test
		void answers410GoneAndFailsTheTest() {
			Answer post = asApp("POST", "/rest/api/3/search", """
					{"jql":"project = SCRUM"}""");
			Answer get = asApp("GET", "/rest/api/3/search?jql=" + encode("project = SCRUM"));

			assertThat(post.status()).isEqualTo(410);
			assertThat(get.status()).isEqualTo(410);
			assertThat(SiteData.texts(post.path("errorMessages"))).containsExactly(JiraRestHandlers.SEARCH_REMOVED);
			assertThat(site.violations()).hasSize(2)
				.allSatisfy(violation -> assertThat(violation).contains("removed search endpoint (CHANGE-2046)"));
			assertThat(site.calls("POST", "/rest/api/3/search")).hasSize(1);
			site.resetViolations();
		}

	}

	@Nested
	class CreateMetadata {

		@Test
		void listsTheIssueTypesOfAProjectPaged() {
			Answer scrum = asApp("GET", "/rest/api/3/issue/createmeta/SCRUM/issuetypes");
			Answer ops = asApp("GET", "/rest/api/3/issue/createmeta/10001/issuetypes");
			Answer page = asApp("GET", "/rest/api/3/issue/createmeta/SCRUM/issuetypes?startAt=1&maxResults=2");

			assertThat(texts(scrum.path("issueTypes"), "name")).containsExactly("Story", "Bug", "Task", "Epic",
					"Subtask");
			assertThat(texts(ops.path("issueTypes"), "name")).containsExactly("Task", "Bug", "Subtask");
			assertThat(texts(page.path("issueTypes"), "name")).containsExactly("Bug", "Task");
			assertThat(page.path("total").asInt()).isEqualTo(5);
			assertThat(page.path("startAt").asInt()).isEqualTo(1);
		}

		private JsonNode field(String project, String issueTypeId, String fieldId) {
			Answer answer = asApp("GET",
					"/rest/api/3/issue/createmeta/%s/issuetypes/%s".formatted(project, issueTypeId));
			assertThat(answer.status()).isEqualTo(200);
			for (JsonNode field : answer.path("fields")) {
				if (field.path("fieldId").asText().equals(fieldId)) {
					return field;
				}
			}
			return SiteData.json.missingNode();
		}

		@Test
		void describesTheCommonFieldsWithTheirAllowedValues() {
			Answer bug = asApp("GET", "/rest/api/3/issue/createmeta/SCRUM/issuetypes/10002");

			assertThat(texts(bug.path("fields"), "fieldId")).containsExactly("summary", "issuetype", "project",
					"description", "priority", "labels", "components", "assignee", "reporter", "parent",
					"customfield_10050");
			JsonNode summary = field("SCRUM", "10002", "summary");
			assertThat(summary.path("required").asBoolean()).isTrue();
			assertThat(summary.path("schema").path("type").asText()).isEqualTo("string");
			assertThat(summary.path("schema").path("system").asText()).isEqualTo("summary");
			JsonNode priority = field("SCRUM", "10002", "priority");
			assertThat(texts(priority.path("allowedValues"), "name")).containsExactly("Highest", "High", "Medium",
					"Low", "Lowest");
			assertThat(priority.path("hasDefaultValue").asBoolean()).isTrue();
			assertThat(priority.path("defaultValue").path("name").asText()).isEqualTo("Medium");
			assertThat(texts(field("SCRUM", "10002", "components").path("allowedValues"), "name"))
				.containsExactly("Checkout", "Billing API");
			JsonNode labels = field("SCRUM", "10002", "labels");
			assertThat(labels.path("schema").path("items").asText()).isEqualTo("string");
			assertThat(SiteData.texts(labels.path("operations"))).containsExactly("add", "set", "remove");
			assertThat(labels.has("allowedValues")).isFalse();
		}

		@Test
		void bugInScrumRequiresEnvironment() {
			JsonNode environment = field("SCRUM", "10002", "customfield_10050");

			assertThat(environment.path("name").asText()).isEqualTo("Environment");
			assertThat(environment.path("required").asBoolean()).isTrue();
			assertThat(environment.path("schema").path("type").asText()).isEqualTo("string");
			assertThat(environment.path("schema").path("custom").asText())
				.isEqualTo("com.atlassian.jira.plugin.system.customfieldtypes:textfield");
			assertThat(field("SCRUM", "10003", "customfield_10050").isMissingNode()).isTrue();
		}

		@Test
		void storyHasOptionalStoryPoints() {
			JsonNode points = field("SCRUM", "10001", "customfield_10016");

			assertThat(points.path("name").asText()).isEqualTo("Story Points");
			assertThat(points.path("required").asBoolean()).isFalse();
			assertThat(points.path("schema").path("type").asText()).isEqualTo("number");
		}

		@Test
		void subtaskRequiresParent() {
			assertThat(field("SCRUM", "10005", "parent").path("required").asBoolean()).isTrue();
			assertThat(field("SCRUM", "10001", "parent").path("required").asBoolean()).isFalse();
			assertThat(field("SCRUM", "10004", "parent").isMissingNode()).isTrue();
		}

		@Test
		void opsTaskRequiresAServiceFromItsOptions() {
			JsonNode service = field("OPS", "10003", "customfield_10060");

			assertThat(service.path("required").asBoolean()).isTrue();
			assertThat(service.path("schema").path("type").asText()).isEqualTo("option");
			assertThat(texts(service.path("allowedValues"), "id")).containsExactly("10500", "10501");
			assertThat(texts(service.path("allowedValues"), "value")).containsExactly("Payments", "Search");
		}

		@Test
		void offersNoIssueTypesWithoutCreatePermission() {
			site.deny(alice, "CREATE_ISSUES", "SCRUM");

			Answer answer = as(alice, "GET", "/rest/api/3/issue/createmeta/SCRUM/issuetypes");

			assertThat(answer.status()).isEqualTo(200);
			assertThat(answer.path("issueTypes")).isEmpty();
		}

	}

	@Nested
	class CreateIssue {

		@Test
		void createsTheNextKeyAndStoresEveryField() {
			Answer created = asApp("POST", "/rest/api/3/issue", """
					{"fields":{
					  "project":{"key":"SCRUM"},"issuetype":{"name":"Story"},"summary":"Pay with a saved card",
					  "description":%s,
					  "labels":["checkout","ai-draft"],"components":[{"name":"Checkout"}],
					  "priority":{"name":"High"},"assignee":{"accountId":"%s"},
					  "parent":{"key":"SCRUM-10"},"customfield_10016":3},
					 "properties":[{"key":"com.jiraai.request",
					                "value":{"requestId":"6d0b1c8e-0000-4000-8000-0000000000aa"}}]}"""
				.formatted(ADF_HELLO, bob));

			assertThat(created.status()).isEqualTo(201);
			assertThat(created.path("key").asText()).isEqualTo("SCRUM-12");
			assertThat(created.path("self").asText())
				.isEqualTo(site.baseUrl() + "/rest/api/3/issue/" + created.path("id").asText());
			JsonNode fields = asApp("GET", "/rest/api/3/issue/SCRUM-12").path("fields");
			assertThat(fields.path("summary").asText()).isEqualTo("Pay with a saved card");
			assertThat(fields.path("description").path("content").get(0).path("content").get(0).path("text").asText())
				.isEqualTo("Hello");
			assertThat(SiteData.texts(fields.path("labels"))).containsExactly("checkout", "ai-draft");
			assertThat(texts(fields.path("components"), "name")).containsExactly("Checkout");
			assertThat(fields.path("priority").path("name").asText()).isEqualTo("High");
			assertThat(fields.path("assignee").path("accountId").asText()).isEqualTo(bob);
			assertThat(fields.path("reporter").path("accountType").asText()).isEqualTo("app");
			assertThat(fields.path("parent").path("key").asText()).isEqualTo("SCRUM-10");
			assertThat(fields.path("customfield_10016").asInt()).isEqualTo(3);
			assertThat(fields.path("status").path("name").asText()).isEqualTo("To Do");
			assertThat(searchKeys("app",
					"issue.property[com.jiraai.request].requestId = \"6d0b1c8e-0000-4000-8000-0000000000aa\""))
				.containsExactly("SCRUM-12");
		}

		@Test
		void makesTheCallingUserTheReporterWithDefaultPriority() {
			Answer created = as(alice, "POST", "/rest/api/3/issue", """
					{"fields":{"project":{"id":"10001"},"issuetype":{"id":"10002"},"summary":"Disk almost full"}}""");

			assertThat(created.status()).isEqualTo(201);
			assertThat(created.path("key").asText()).isEqualTo("OPS-2");
			JsonNode fields = as(alice, "GET", "/rest/api/3/issue/OPS-2").path("fields");
			assertThat(fields.path("reporter").path("accountId").asText()).isEqualTo(alice);
			assertThat(fields.path("priority").path("name").asText()).isEqualTo("Medium");
		}

		@Test
		void createsASubtaskUnderAStory() {
			Answer created = asApp("POST", "/rest/api/3/issue", """
					{"fields":{"project":{"key":"SCRUM"},"issuetype":{"name":"Subtask"},"summary":"Write tests",
					 "parent":{"key":"SCRUM-1"}}}""");

			assertThat(created.status()).isEqualTo(201);
			JsonNode subtasks = asApp("GET", "/rest/api/3/issue/SCRUM-1?fields=subtasks").path("fields")
				.path("subtasks");
			assertThat(texts(subtasks, "key")).containsExactly("SCRUM-11", created.path("key").asText());
		}

		@Test
		void namesAMissingRequiredField() {
			Answer bug = asApp("POST", "/rest/api/3/issue", """
					{"fields":{"project":{"key":"SCRUM"},"issuetype":{"name":"Bug"},"summary":"Crash on pay"}}""");
			Answer noSummary = asApp("POST", "/rest/api/3/issue", """
					{"fields":{"project":{"key":"SCRUM"},"issuetype":{"name":"Task"}}}""");
			Answer service = asApp("POST", "/rest/api/3/issue", """
					{"fields":{"project":{"key":"OPS"},"issuetype":{"name":"Task"},"summary":"Rotate keys"}}""");
			Answer subtask = asApp("POST", "/rest/api/3/issue", """
					{"fields":{"project":{"key":"SCRUM"},"issuetype":{"name":"Subtask"},"summary":"Orphan"}}""");

			assertThat(bug.status()).isEqualTo(400);
			assertThat(bug.path("errorMessages")).isEmpty();
			assertThat(bug.path("errors").path("customfield_10050").asText()).isEqualTo("Environment is required.");
			assertThat(noSummary.path("errors").path("summary").asText())
				.isEqualTo("You must specify a summary of the issue.");
			assertThat(service.path("errors").path("customfield_10060").asText()).isEqualTo("Service is required.");
			assertThat(subtask.path("errors").path("parent").asText()).isEqualTo("Parent is required.");
			assertThat(asApp("GET", "/rest/api/3/issue/SCRUM-12").status()).isEqualTo(404);
		}

		@Test
		void namesAFieldWhoseValueIsNotAllowed() {
			Answer priority = asApp("POST", "/rest/api/3/issue", """
					{"fields":{"project":{"key":"SCRUM"},"issuetype":{"name":"Task"},"summary":"x",
					 "priority":{"name":"Urgent"}}}""");
			Answer component = asApp("POST", "/rest/api/3/issue", """
					{"fields":{"project":{"key":"SCRUM"},"issuetype":{"name":"Task"},"summary":"x",
					 "components":[{"name":"Checkout"},{"name":"Mobile"}]}}""");
			Answer option = asApp("POST", "/rest/api/3/issue", """
					{"fields":{"project":{"key":"OPS"},"issuetype":{"name":"Task"},"summary":"x",
					 "customfield_10060":{"value":"Billing"}}}""");
			Answer optionById = asApp("POST", "/rest/api/3/issue", """
					{"fields":{"project":{"key":"OPS"},"issuetype":{"name":"Task"},"summary":"x",
					 "customfield_10060":{"id":"10501"}}}""");
			Answer points = asApp("POST", "/rest/api/3/issue", """
					{"fields":{"project":{"key":"SCRUM"},"issuetype":{"name":"Story"},"summary":"x",
					 "customfield_10016":"five"}}""");
			Answer issueType = asApp("POST", "/rest/api/3/issue", """
					{"fields":{"project":{"key":"OPS"},"issuetype":{"name":"Epic"},"summary":"x"}}""");
			Answer project = asApp("POST", "/rest/api/3/issue", """
					{"fields":{"project":{"key":"NOPE"},"issuetype":{"name":"Task"},"summary":"x"}}""");

			assertThat(priority.status()).isEqualTo(400);
			assertThat(priority.path("errors").path("priority").asText())
				.isEqualTo("Specify a valid 'id' or 'name' for Priority");
			assertThat(component.path("errors").path("components").asText())
				.isEqualTo("Component name 'Mobile' is not valid");
			assertThat(option.path("errors").path("customfield_10060").asText())
				.isEqualTo("Option value 'Billing' is not valid");
			assertThat(optionById.status()).isEqualTo(201);
			assertThat(asApp("GET", "/rest/api/3/issue/" + optionById.path("key").asText()).path("fields")
				.path("customfield_10060")
				.path("value")
				.asText()).isEqualTo("Search");
			assertThat(points.path("errors").path("customfield_10016").asText())
				.isEqualTo("Operation value must be a number");
			assertThat(issueType.path("errors").path("issuetype").asText()).isEqualTo("Specify a valid issue type");
			assertThat(project.path("errors").path("project").asText()).isEqualTo("Specify a valid project ID or key");
		}

		@Test
		void refusesFieldsThatAreNotOnTheScreen() {
			Answer unknown = asApp("POST", "/rest/api/3/issue", """
					{"fields":{"project":{"key":"SCRUM"},"issuetype":{"name":"Task"},"summary":"x",
					 "customfield_99999":"y","customfield_10050":"Chrome"}}""");

			assertThat(unknown.status()).isEqualTo(400);
			assertThat(unknown.path("errors").path("customfield_99999").asText())
				.isEqualTo("Field 'customfield_99999' cannot be set. It is not on the appropriate screen, or unknown.");
			assertThat(unknown.path("errors").path("customfield_10050").asText())
				.isEqualTo("Field 'customfield_10050' cannot be set. It is not on the appropriate screen, or unknown.");
		}

		@Test
		void requiresTheDescriptionInAtlassianDocumentFormat() {
			Answer plain = asApp("POST", "/rest/api/3/issue", """
					{"fields":{"project":{"key":"SCRUM"},"issuetype":{"name":"Task"},"summary":"x",
					 "description":"Plain text"}}""");
			Answer broken = asApp("POST", "/rest/api/3/issue", """
					{"fields":{"project":{"key":"SCRUM"},"issuetype":{"name":"Task"},"summary":"x",
					 "description":{"type":"doc","version":1,"content":"Plain text"}}}""");

			assertThat(plain.status()).isEqualTo(400);
			assertThat(plain.path("errors").path("description").asText()).isEqualTo(IssueFields.NOT_ADF);
			assertThat(broken.path("errors").path("description").asText()).isEqualTo(IssueFields.NOT_ADF);
		}

		@Test
		void checksTheParentHierarchy() {
			Answer subtaskUnderEpic = asApp("POST", "/rest/api/3/issue", """
					{"fields":{"project":{"key":"SCRUM"},"issuetype":{"name":"Subtask"},"summary":"x",
					 "parent":{"key":"SCRUM-10"}}}""");
			Answer unknownParent = asApp("POST", "/rest/api/3/issue", """
					{"fields":{"project":{"key":"SCRUM"},"issuetype":{"name":"Story"},"summary":"x",
					 "parent":{"key":"SCRUM-404"}}}""");

			assertThat(subtaskUnderEpic.path("errors").path("parent").asText())
				.isEqualTo("Given parent issue does not belong to appropriate hierarchy.");
			assertThat(unknownParent.path("errors").path("parent").asText())
				.isEqualTo("Could not find issue by id or key.");
		}

		@Test
		void refusesAnAssigneeWhoCannotBeAssigned() {
			site.deny(bob, "ASSIGNABLE_USER", "SCRUM");

			Answer denied = asApp("POST", "/rest/api/3/issue", """
					{"fields":{"project":{"key":"SCRUM"},"issuetype":{"name":"Task"},"summary":"x",
					 "assignee":{"accountId":"%s"}}}""".formatted(bob));
			Answer inactive = asApp("POST", "/rest/api/3/issue", """
					{"fields":{"project":{"key":"SCRUM"},"issuetype":{"name":"Task"},"summary":"x",
					 "assignee":{"accountId":"%s"}}}""".formatted(dan));

			assertThat(denied.path("errors").path("assignee").asText())
				.isEqualTo("User '%s' cannot be assigned issues.".formatted(bob));
			assertThat(inactive.path("errors").path("assignee").asText())
				.isEqualTo("User '%s' cannot be assigned issues.".formatted(dan));
		}

		@Test
		void forbidsAUserWithoutCreatePermission() {
			site.deny(alice, "CREATE_ISSUES", "SCRUM");

			Answer denied = as(alice, "POST", "/rest/api/3/issue", """
					{"fields":{"project":{"key":"SCRUM"},"issuetype":{"name":"Task"},"summary":"x"}}""");

			assertThat(denied.status()).isEqualTo(403);
			assertThat(SiteData.texts(denied.path("errorMessages")))
				.containsExactly("You do not have permission to create issues in this project.");
			assertThat(as(bob, "POST", "/rest/api/3/issue", """
					{"fields":{"project":{"key":"SCRUM"},"issuetype":{"name":"Task"},"summary":"x"}}""").status())
				.isEqualTo(201);
		}

	}

	@Nested
	class EditIssue {

		@Test
		void editsFieldsAndAppliesLabelOperations() {
			String before = site.data().issue("SCRUM-1").orElseThrow().path("updated").asText();

			Answer edited = asApp("PUT", "/rest/api/3/issue/SCRUM-1", """
					{"fields":{"summary":"Save cards for one-click checkout","priority":{"name":"Highest"},
					           "description":%s,"assignee":null,"customfield_10016":8,
					           "components":[{"id":"10101"}]},
					 "update":{"labels":[{"add":"mobile"},{"remove":"payments"}]}}""".formatted(ADF_HELLO));

			assertThat(edited.status()).isEqualTo(204);
			assertThat(edited.raw()).isEmpty();
			JsonNode fields = asApp("GET", "/rest/api/3/issue/SCRUM-1").path("fields");
			assertThat(fields.path("summary").asText()).isEqualTo("Save cards for one-click checkout");
			assertThat(fields.path("priority").path("name").asText()).isEqualTo("Highest");
			assertThat(SiteData.texts(fields.path("labels"))).containsExactly("checkout", "mobile");
			assertThat(texts(fields.path("components"), "name")).containsExactly("Billing API");
			assertThat(fields.path("assignee").isNull()).isTrue();
			assertThat(fields.path("customfield_10016").asInt()).isEqualTo(8);
			assertThat(fields.path("updated").asText()).isNotEqualTo(before);
		}

		@Test
		void flagsAnIssueAsAnImpedimentOnlyWithAnOptionTheFieldHas() {
			Answer flagged = as(alice, "PUT", "/rest/api/3/issue/SCRUM-2", """
					{"fields":{"customfield_10021":[{"value":"Impediment"}]}}""");

			assertThat(flagged.status()).as(flagged.raw()).isEqualTo(204);
			JsonNode value = asApp("GET", "/rest/api/3/issue/SCRUM-2?fields=customfield_10021").path("fields")
				.path("customfield_10021");
			assertThat(texts(value, "value")).containsExactly("Impediment");
			Answer wrong = as(alice, "PUT", "/rest/api/3/issue/SCRUM-2", """
					{"fields":{"customfield_10021":[{"value":"Urgent"}]}}""");
			assertThat(wrong.status()).isEqualTo(400);
			assertThat(wrong.raw()).contains("Urgent");
			site.deny(bob, "EDIT_ISSUES", "SCRUM");
			assertThat(as(bob, "PUT", "/rest/api/3/issue/SCRUM-1", """
					{"fields":{"customfield_10021":[{"value":"Impediment"}]}}""").status()).isEqualTo(403);
		}

		@Test
		void setsLabelsAndReturnsTheIssueWhenAsked() {
			Answer edited = asApp("PUT", "/rest/api/3/issue/SCRUM-2?returnIssue=true", """
					{"update":{"labels":[{"set":["safari","regression"]}]},
					 "properties":[{"key":"com.jiraai.triage","value":{"done":true}}]}""");

			assertThat(edited.status()).isEqualTo(200);
			assertThat(SiteData.texts(edited.path("fields").path("labels"))).containsExactly("safari", "regression");
			assertThat(asApp("GET", "/rest/api/3/issue/SCRUM-2/properties/com.jiraai.triage").path("value")
				.path("done")
				.asBoolean()).isTrue();
		}

		@Test
		void validatesLikeCreate() {
			Answer priority = asApp("PUT", "/rest/api/3/issue/SCRUM-2", """
					{"fields":{"priority":{"id":"42"}}}""");
			Answer blankSummary = asApp("PUT", "/rest/api/3/issue/SCRUM-2", """
					{"fields":{"summary":""}}""");
			Answer environment = asApp("PUT", "/rest/api/3/issue/SCRUM-2", """
					{"fields":{"customfield_10050":null}}""");
			Answer unknown = asApp("PUT", "/rest/api/3/issue/SCRUM-2", """
					{"fields":{"customfield_10016":3}}""");
			Answer description = asApp("PUT", "/rest/api/3/issue/SCRUM-2", """
					{"fields":{"description":"plain"}}""");
			Answer both = asApp("PUT", "/rest/api/3/issue/SCRUM-2", """
					{"fields":{"labels":["a"]},"update":{"labels":[{"add":"b"}]}}""");

			assertThat(priority.status()).isEqualTo(400);
			assertThat(priority.path("errors").path("priority").asText())
				.isEqualTo("Specify a valid 'id' or 'name' for Priority");
			assertThat(blankSummary.path("errors").path("summary").asText())
				.isEqualTo("You must specify a summary of the issue.");
			assertThat(environment.path("errors").path("customfield_10050").asText())
				.isEqualTo("Environment is required.");
			assertThat(unknown.path("errors").path("customfield_10016").asText())
				.isEqualTo("Field 'customfield_10016' cannot be set. It is not on the appropriate screen, or unknown.");
			assertThat(description.path("errors").path("description").asText()).isEqualTo(IssueFields.NOT_ADF);
			assertThat(both.path("errors").path("labels").asText())
				.isEqualTo("Field 'labels' cannot be set in both 'fields' and 'update'.");
			assertThat(site.data().issue("SCRUM-2").orElseThrow().path("priority").asText()).isEqualTo("High");
		}

		@Test
		void forbidsAUserWithoutEditPermissionAndHidesIssuesTheyCannotBrowse() {
			site.deny(alice, "EDIT_ISSUES", "SCRUM").deny(bob, "BROWSE_PROJECTS", "SCRUM");

			Answer denied = as(alice, "PUT", "/rest/api/3/issue/SCRUM-1", """
					{"fields":{"summary":"x"}}""");
			Answer hidden = as(bob, "PUT", "/rest/api/3/issue/SCRUM-1", """
					{"fields":{"summary":"x"}}""");

			assertThat(denied.status()).isEqualTo(403);
			assertThat(SiteData.texts(denied.path("errorMessages")))
				.containsExactly("You do not have permission to edit this issue.");
			assertThat(denied.path("errors").isObject()).isTrue();
			assertThat(hidden.status()).isEqualTo(404);
			assertThat(as(carol, "PUT", "/rest/api/3/issue/SCRUM-1", """
					{"fields":{"summary":"x"}}""").status()).isEqualTo(204);
		}

	}

	@Nested
	class Comments {

		@Test
		void addsACommentWithPropertiesAndVisibility() {
			Answer added = asApp("POST", "/rest/api/3/issue/SCRUM-2/comment", """
					{"body":%s,"visibility":{"type":"role","value":"Developers"},
					 "properties":[{"key":"com.jiraai.comment","value":{"kind":"assessment"}}]}"""
				.formatted(ADF_HELLO));

			assertThat(added.status()).isEqualTo(201);
			assertThat(added.path("id").asText()).isNotBlank();
			assertThat(added.path("author").path("accountType").asText()).isEqualTo("app");
			assertThat(added.path("body").path("type").asText()).isEqualTo("doc");
			assertThat(added.path("created").asText())
				.matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}\\+0000");
			assertThat(added.path("updated").asText()).isEqualTo(added.path("created").asText());
			assertThat(added.path("visibility").path("value").asText()).isEqualTo("Developers");
			assertThat(added.path("properties").get(0).path("key").asText()).isEqualTo("com.jiraai.comment");
			assertThat(site.data().issue("SCRUM-2").orElseThrow().path("comments")).hasSize(1);
		}

		@Test
		void aUsersCommentIsAuthoredByTheUser() {
			Answer added = as(alice, "POST", "/rest/api/3/issue/SCRUM-2/comment", """
					{"body":%s}""".formatted(ADF_HELLO));

			assertThat(added.status()).isEqualTo(201);
			assertThat(added.path("author").path("accountId").asText()).isEqualTo(alice);
			assertThat(added.path("author").path("displayName").asText()).isEqualTo("Alice Analyst");
			assertThat(added.raw()).doesNotContain("emailAddress");
			assertThat(added.json().has("properties")).isFalse();
		}

		@Test
		void requiresAnAdfBody() {
			Answer plain = asApp("POST", "/rest/api/3/issue/SCRUM-2/comment", """
					{"body":"Hello"}""");

			assertThat(plain.status()).isEqualTo(400);
			assertThat(plain.path("errors").path("comment").asText()).isEqualTo(IssueFields.NOT_ADF);
			assertThat(site.data().issue("SCRUM-2").orElseThrow().path("comments")).isEmpty();
		}

		@Test
		void pagesAndOrdersCommentsWithTheirProperties() {
			String newest = as(carol, "POST", "/rest/api/3/issue/SCRUM-1/comment", """
					{"body":%s,"properties":[{"key":"com.jiraai.comment","value":{"kind":"answer"}}]}"""
				.formatted(ADF_HELLO)).path("id").asText();

			Answer newestFirst = asApp("GET", "/rest/api/3/issue/SCRUM-1/comment?orderBy=-created&maxResults=1");
			Answer second = asApp("GET",
					"/rest/api/3/issue/SCRUM-1/comment?orderBy=-created&startAt=1&maxResults=1&expand=properties");
			Answer oldestFirst = asApp("GET", "/rest/api/3/issue/SCRUM-1/comment?orderBy=created&expand=properties");

			assertThat(texts(newestFirst.path("comments"), "id")).containsExactly(newest);
			assertThat(newestFirst.path("total").asInt()).isEqualTo(2);
			assertThat(newestFirst.path("maxResults").asInt()).isEqualTo(1);
			assertThat(newestFirst.path("comments").get(0).has("properties")).isFalse();
			assertThat(texts(second.path("comments"), "id")).containsExactly("10200");
			assertThat(second.path("startAt").asInt()).isEqualTo(1);
			assertThat(second.path("comments").get(0).path("properties")).isEmpty();
			assertThat(texts(oldestFirst.path("comments"), "id")).containsExactly("10200", newest);
			assertThat(oldestFirst.path("comments").get(1).path("author").path("displayName").asText())
				.isEqualTo("Carol Admin");
			assertThat(
					oldestFirst.path("comments").get(1).path("properties").get(0).path("value").path("kind").asText())
				.isEqualTo("answer");
		}

		@Test
		void refusesAUserWithoutCommentPermission() {
			site.deny(alice, "ADD_COMMENTS", "SCRUM").deny(bob, "BROWSE_PROJECTS", "SCRUM");

			Answer denied = as(alice, "POST", "/rest/api/3/issue/SCRUM-2/comment", """
					{"body":%s}""".formatted(ADF_HELLO));
			Answer hidden = as(bob, "POST", "/rest/api/3/issue/SCRUM-2/comment", """
					{"body":%s}""".formatted(ADF_HELLO));

			// Jira answers 403, although the spec lists no 403 for addComment.
			assertThat(denied.status()).isEqualTo(403);
			assertThat(SiteData.texts(denied.path("errorMessages")))
				.containsExactly("You do not have the permission to comment on this issue.");
			assertThat(hidden.status()).isEqualTo(404);
			assertThat(as(bob, "GET", "/rest/api/3/issue/SCRUM-2/comment").status()).isEqualTo(404);
			assertThat(site.data().issue("SCRUM-2").orElseThrow().path("comments")).isEmpty();
		}

	}

	@Nested
	class Transitions {

		@Test
		void listsFieldsOnlyWhenExpanded() {
			Answer plain = asApp("GET", "/rest/api/3/issue/SCRUM-1/transitions");
			Answer expanded = asApp("GET", "/rest/api/3/issue/SCRUM-1/transitions?expand=transitions.fields");

			assertThat(texts(plain.path("transitions"), "id")).containsExactly("11", "21", "31", "41");
			assertThat(plain.path("transitions")).allSatisfy(t -> assertThat(t.has("fields")).isFalse());
			JsonNode done = expanded.path("transitions").get(3);
			assertThat(done.path("to").path("name").asText()).isEqualTo("Done");
			assertThat(done.path("hasScreen").asBoolean()).isTrue();
			JsonNode resolution = done.path("fields").path("resolution");
			assertThat(resolution.path("required").asBoolean()).isTrue();
			assertThat(resolution.path("key").asText()).isEqualTo("resolution");
			assertThat(resolution.path("schema").path("type").asText()).isEqualTo("resolution");
			assertThat(texts(resolution.path("allowedValues"), "name")).containsExactly("Done", "Won't Do",
					"Duplicate");
			assertThat(expanded.path("transitions").get(0).path("fields")).isEmpty();
		}

		@Test
		void requiresTheResolutionOfTheScreenNamingTheField() {
			Answer missing = asApp("POST", "/rest/api/3/issue/SCRUM-1/transitions", """
					{"transition":{"id":"41"}}""");

			assertThat(missing.status()).isEqualTo(400);
			assertThat(missing.path("errorMessages")).isEmpty();
			assertThat(missing.path("errors").path("resolution").asText()).isEqualTo("Resolution is required.");
			assertThat(site.data().issue("SCRUM-1").orElseThrow().path("status").asText()).isEqualTo("To Do");
		}

		@Test
		void transitionsWithAnAllowedResolutionAndAComment() {
			Answer done = asApp("POST", "/rest/api/3/issue/SCRUM-1/transitions", """
					{"transition":{"id":"41"},"fields":{"resolution":{"name":"Won't Do"}},
					 "update":{"comment":[{"add":{"body":%s}}]}}""".formatted(ADF_HELLO));

			assertThat(done.status()).isEqualTo(204);
			JsonNode fields = asApp("GET", "/rest/api/3/issue/SCRUM-1").path("fields");
			assertThat(fields.path("status").path("name").asText()).isEqualTo("Done");
			assertThat(fields.path("resolution").path("name").asText()).isEqualTo("Won't Do");
			assertThat(fields.path("comment").path("total").asInt()).isEqualTo(2);
			assertThat(asApp("POST", "/rest/api/3/issue/SCRUM-1/transitions", """
					{"transition":{"id":"21"}}""").status()).isEqualTo(204);
			assertThat(asApp("GET", "/rest/api/3/issue/SCRUM-1?fields=resolution").path("fields")
				.path("resolution")
				.isNull()).isTrue();
		}

		@Test
		void refusesAResolutionThatIsNotAllowedOrAFieldNotOnTheScreen() {
			Answer fixed = asApp("POST", "/rest/api/3/issue/SCRUM-1/transitions", """
					{"transition":{"id":"41"},"fields":{"resolution":{"name":"Fixed"}}}""");
			Answer offScreen = asApp("POST", "/rest/api/3/issue/SCRUM-1/transitions", """
					{"transition":{"id":"21"},"fields":{"summary":"x"}}""");

			assertThat(fixed.path("errors").path("resolution").asText())
				.isEqualTo("Specify a valid 'id' or 'name' for Resolution");
			assertThat(offScreen.path("errors").path("summary").asText())
				.isEqualTo("Field 'summary' cannot be set. It is not on the appropriate screen, or unknown.");
		}

		@Test
		void rejectsATransitionThatIsNotOffered() {
			Answer answer = asApp("POST", "/rest/api/3/issue/SCRUM-1/transitions", """
					{"transition":{"id":"99"}}""");

			assertThat(answer.status()).isEqualTo(400);
			assertThat(SiteData.texts(answer.path("errorMessages")))
				.containsExactly("Transition id '99' is not valid for this issue.");
		}

		@Test
		void offersNothingToAUserWithoutTransitionPermission() {
			site.deny(alice, "TRANSITION_ISSUES", "SCRUM");

			Answer offered = as(alice, "GET", "/rest/api/3/issue/SCRUM-1/transitions");
			Answer refused = as(alice, "POST", "/rest/api/3/issue/SCRUM-1/transitions", """
					{"transition":{"id":"21"}}""");

			assertThat(offered.path("transitions")).isEmpty();
			// The spec documents a transition the user may not make as a 400, not a 403.
			assertThat(refused.status()).isEqualTo(400);
			assertThat(SiteData.texts(refused.path("errorMessages")))
				.containsExactly("You do not have permission to transition this issue.");
			assertThat(as(bob, "POST", "/rest/api/3/issue/SCRUM-1/transitions", """
					{"transition":{"id":"21"}}""").status()).isEqualTo(204);
		}

	}

	@Nested
	class Statuses {

		@Test
		void listsEveryStatusWithItsCategory() {
			Answer statuses = asApp("GET", "/rest/api/3/status");

			assertThat(texts(statuses.json(), "name")).containsExactly("To Do", "In Progress", "In Review", "Done");
			JsonNode done = statuses.json().get(3).path("statusCategory");
			assertThat(done.path("id").asInt()).isEqualTo(3);
			assertThat(done.path("key").asText()).isEqualTo("done");
			assertThat(done.path("name").asText()).isEqualTo("Done");
			assertThat(done.path("colorName").asText()).isEqualTo("green");
			assertThat(statuses.json().get(1).path("statusCategory").path("key").asText()).isEqualTo("indeterminate");
		}

		@Test
		void listsTheStatusesOfAProjectByIssueType() {
			Answer statuses = asApp("GET", "/rest/api/3/project/OPS/statuses");

			assertThat(texts(statuses.json(), "name")).containsExactly("Task", "Bug", "Subtask");
			assertThat(statuses.json().get(2).path("subtask").asBoolean()).isTrue();
			assertThat(texts(statuses.json().get(0).path("statuses"), "name")).contains("To Do", "Done");
		}

		@Test
		void answers404ForAProjectTheUserCannotBrowse() {
			site.deny(alice, "BROWSE_PROJECTS", "OPS");

			assertThat(as(alice, "GET", "/rest/api/3/project/OPS/statuses").status()).isEqualTo(404);
			assertThat(asApp("GET", "/rest/api/3/project/NOPE/statuses").status()).isEqualTo(404);
		}

	}

	@Nested
	class Users {

		@Test
		void searchesActiveUsersByDisplayNameWithoutEmails() {
			Answer bo = asApp("GET", "/rest/api/3/user/search?query=bo");
			Answer analyst = asApp("GET", "/rest/api/3/user/search?query=ANALYST");
			Answer departed = asApp("GET", "/rest/api/3/user/search?query=dan");

			assertThat(texts(bo.json(), "accountId")).containsExactly(bob);
			assertThat(texts(analyst.json(), "displayName")).containsExactly("Alice Analyst");
			assertThat(departed.json()).isEmpty();
			JsonNode user = bo.json().get(0);
			assertThat(fieldNames(user)).containsExactlyInAnyOrder("self", "accountId", "accountType", "avatarUrls",
					"displayName", "active", "timeZone");
			assertThat(user.path("timeZone").asText()).isEqualTo("Europe/London");
			assertThat(user.path("avatarUrls").path("48x48").asText()).startsWith("http");
			assertThat(bo.raw() + analyst.raw()).doesNotContain("emailAddress");
		}

		@Test
		void findsAUserByAccountIdAndRequiresAQueryOrAccountId() {
			Answer byId = as(alice, "GET", "/rest/api/3/user/search?accountId=" + encode(carol));
			Answer neither = asApp("GET", "/rest/api/3/user/search");

			assertThat(texts(byId.json(), "displayName")).containsExactly("Carol Admin");
			assertThat(neither.status()).isEqualTo(400);
		}

		@Test
		void listsAllUsersPaged() {
			Answer first = asApp("GET", "/rest/api/3/users/search?startAt=0&maxResults=2");
			Answer second = asApp("GET", "/rest/api/3/users/search?startAt=2&maxResults=2");
			Answer beyond = asApp("GET", "/rest/api/3/users/search?startAt=4&maxResults=2");

			assertThat(texts(first.json(), "accountId")).containsExactly(alice, bob);
			assertThat(texts(second.json(), "accountId")).containsExactly(carol, dan);
			assertThat(second.json().get(1).path("active").asBoolean()).isFalse();
			assertThat(beyond.json()).isEmpty();
			assertThat(first.raw() + second.raw()).doesNotContain("emailAddress");
		}

		@Test
		void findsAssignableUsersOfAProjectOrIssue() {
			site.deny(carol, "ASSIGNABLE_USER", "SCRUM");

			Answer scrum = asApp("GET", "/rest/api/3/user/assignable/search?project=SCRUM");
			Answer ops = asApp("GET", "/rest/api/3/user/assignable/search?project=OPS&maxResults=2");
			Answer issue = as(bob, "GET", "/rest/api/3/user/assignable/search?issueKey=SCRUM-1&query=al");

			assertThat(texts(scrum.json(), "displayName")).containsExactly("Alice Analyst", "Bob Builder");
			assertThat(texts(ops.json(), "displayName")).containsExactly("Alice Analyst", "Bob Builder");
			assertThat(texts(asApp("GET", "/rest/api/3/user/assignable/search?project=OPS&startAt=2").json(),
					"displayName"))
				.containsExactly("Carol Admin");
			assertThat(texts(issue.json(), "accountId")).containsExactly(alice);
		}

		@Test
		void needsAProjectOrIssueThatExists() {
			assertThat(asApp("GET", "/rest/api/3/user/assignable/search?query=a").status()).isEqualTo(400);
			assertThat(asApp("GET", "/rest/api/3/user/assignable/search?project=NOPE").status()).isEqualTo(404);
			assertThat(asApp("GET", "/rest/api/3/user/assignable/search?issueKey=SCRUM-404").status()).isEqualTo(404);
		}

		@Test
		void tellsWhoIsCalling() {
			assertThat(asApp("GET", "/rest/api/3/myself").path("accountType").asText()).isEqualTo("app");
			assertThat(as(alice, "GET", "/rest/api/3/myself").path("displayName").asText()).isEqualTo("Alice Analyst");
		}

	}

	@Nested
	class Metadata {

		@Test
		void pagesAndFiltersProjects() {
			Answer first = asApp("GET", "/rest/api/3/project/search?maxResults=1");
			Answer second = asApp("GET", "/rest/api/3/project/search?startAt=1&maxResults=1");
			Answer query = asApp("GET", "/rest/api/3/project/search?query=oper");

			assertThat(texts(first.path("values"), "key")).containsExactly("OPS");
			assertThat(first.path("isLast").asBoolean()).isFalse();
			assertThat(first.path("total").asInt()).isEqualTo(2);
			assertThat(first.path("nextPage").asText()).contains("startAt=1");
			assertThat(texts(second.path("values"), "key")).containsExactly("SCRUM");
			assertThat(second.path("isLast").asBoolean()).isTrue();
			assertThat(second.json().has("nextPage")).isFalse();
			assertThat(texts(query.path("values"), "key")).containsExactly("OPS");
		}

		@Test
		void leavesOutProjectsTheUserCannotBrowse() {
			site.deny(alice, "BROWSE_PROJECTS", "SCRUM");

			assertThat(texts(as(alice, "GET", "/rest/api/3/project/search").path("values"), "key"))
				.containsExactly("OPS");
		}

		@Test
		void listsIssueTypesOfTheSiteAndOfAProject() {
			Answer all = asApp("GET", "/rest/api/3/issuetype");
			Answer ops = asApp("GET", "/rest/api/3/issuetype/project?projectId=10001");
			Answer missing = asApp("GET", "/rest/api/3/issuetype/project?projectId=99999");

			assertThat(texts(all.json(), "name")).containsExactly("Story", "Bug", "Task", "Epic", "Subtask");
			assertThat(all.json().get(3).path("hierarchyLevel").asInt()).isEqualTo(1);
			assertThat(texts(ops.json(), "name")).containsExactly("Task", "Bug", "Subtask");
			assertThat(missing.status()).isEqualTo(404);
		}

		@Test
		void pagesPriorities() {
			Answer first = asApp("GET", "/rest/api/3/priority/search?maxResults=2");
			Answer last = asApp("GET", "/rest/api/3/priority/search?startAt=4&maxResults=2");

			assertThat(texts(first.path("values"), "name")).containsExactly("Highest", "High");
			assertThat(first.path("isLast").asBoolean()).isFalse();
			assertThat(texts(last.path("values"), "name")).containsExactly("Lowest");
			assertThat(last.path("isLast").asBoolean()).isTrue();
			assertThat(asApp("GET", "/rest/api/3/priority/search").path("values").get(2).path("isDefault").asBoolean())
				.isTrue();
		}

		@Test
		void listsSystemAndCustomFields() {
			Answer fields = asApp("GET", "/rest/api/3/field");

			JsonNode summary = null;
			JsonNode environment = null;
			for (JsonNode field : fields.json()) {
				if (field.path("id").asText().equals("summary")) {
					summary = field;
				}
				if (field.path("id").asText().equals("customfield_10050")) {
					environment = field;
				}
			}
			assertThat(summary).isNotNull();
			assertThat(summary.path("custom").asBoolean()).isFalse();
			assertThat(summary.path("schema").path("system").asText()).isEqualTo("summary");
			assertThat(summary.path("navigable").asBoolean()).isTrue();
			assertThat(environment).isNotNull();
			assertThat(environment.path("custom").asBoolean()).isTrue();
			assertThat(environment.path("key").asText()).isEqualTo("customfield_10050");
			assertThat(environment.path("schema").path("customId").asInt()).isEqualTo(10050);
			assertThat(texts(fields.json(), "id")).contains("customfield_10016", "customfield_10060", "labels");
		}

	}

	@Nested
	class EntityProperties {

		private static final String PROPERTY = "/rest/api/3/issue/SCRUM-1/properties/com.jiraai.request";

		@Test
		void createsThenUpdatesAProperty() {
			Answer created = asApp("PUT", PROPERTY, """
					{"requestId":"r-1"}""");
			Answer updated = asApp("PUT", PROPERTY, """
					{"requestId":"r-2","attempt":2}""");

			assertThat(created.status()).isEqualTo(201);
			assertThat(updated.status()).isEqualTo(200);
			Answer read = asApp("GET", PROPERTY);
			assertThat(read.path("key").asText()).isEqualTo("com.jiraai.request");
			assertThat(read.path("value").path("requestId").asText()).isEqualTo("r-2");
			Answer keys = asApp("GET", "/rest/api/3/issue/SCRUM-1/properties");
			assertThat(texts(keys.path("keys"), "key")).containsExactly("com.jiraai.request");
			assertThat(keys.path("keys").get(0).path("self").asText()).endsWith("/properties/com.jiraai.request");
		}

		@Test
		void answers404ForAPropertyThatDoesNotExist() {
			Answer missing = asApp("GET", "/rest/api/3/issue/SCRUM-1/properties/nope");

			assertThat(missing.status()).isEqualTo(404);
			assertThat(SiteData.texts(missing.path("errorMessages")))
				.containsExactly("The property with key 'nope' does not exist.");
		}

		@Test
		void readsNeedBrowseAndWritesNeedEdit() {
			site.deny(alice, "EDIT_ISSUES", "SCRUM").deny(bob, "BROWSE_PROJECTS", "SCRUM");

			assertThat(as(alice, "GET", "/rest/api/3/issue/SCRUM-2/properties/com.jiraai.request").status())
				.isEqualTo(200);
			assertThat(as(alice, "PUT", PROPERTY, "{\"requestId\":\"x\"}").status()).isEqualTo(403);
			assertThat(as(bob, "GET", "/rest/api/3/issue/SCRUM-2/properties/com.jiraai.request").status())
				.isEqualTo(404);
			assertThat(as(bob, "GET", "/rest/api/3/issue/SCRUM-2/properties").status()).isEqualTo(404);
			assertThat(as(bob, "PUT", PROPERTY, "{\"requestId\":\"x\"}").status()).isEqualTo(404);
			assertThat(as(carol, "PUT", PROPERTY, "\"just a string\"").status()).isEqualTo(201);
		}

	}

	@Nested
	class Recording {

		@Test
		void filtersCallsByMethodAndPath() {
			asApp("GET", "/rest/api/3/issue/SCRUM-1");
			asApp("GET", "/rest/api/3/issue/SCRUM-2?fields=summary");
			asApp("POST", "/rest/api/3/issue/SCRUM-2/comment", "{\"body\":%s}".formatted(ADF_HELLO));

			assertThat(site.calls("GET", "/rest/api/3/issue/[^/]+")).extracting(JiraCall::path)
				.containsExactly("/rest/api/3/issue/SCRUM-1", "/rest/api/3/issue/SCRUM-2");
			assertThat(site.calls("POST", ".*/comment")).singleElement()
				.satisfies(call -> assertThat(call.status()).isEqualTo(201));
			assertThat(site.calls()).hasSize(3);
		}

		@Test
		void refusesAnUnknownPermissionOrProject() {
			assertThatIllegalArgumentException().isThrownBy(() -> site.deny(alice, "DELETE_EVERYTHING", "SCRUM"));
			assertThatIllegalArgumentException().isThrownBy(() -> site.deny(alice, "BROWSE_PROJECTS", "NOPE"));
		}

	}

	@Nested
	class SpecHonesty {

		@Test
		void reportsAnAnswerShapedAgainstTheSpec() {
			List<String> wrongType = JiraSpecValidator.responseViolations("GET", "/rest/api/3/issue/SCRUM-1", 200,
					"application/json", "{\"id\":10010,\"unexpected\":true}");
			List<String> undeclaredStatus = JiraSpecValidator.responseViolations("POST",
					"/rest/api/3/issue/SCRUM-1/comment", 403, "application/json",
					"{\"errorMessages\":[\"no\"],\"errors\":{}}");
			List<String> notAnErrorCollection = JiraSpecValidator.responseViolations("GET", "/rest/api/3/issue/SCRUM-1",
					404, "application/json", "{\"message\":\"not found\"}");
			List<String> notADate = JiraSpecValidator.responseViolations("POST", "/rest/api/3/issue/SCRUM-1/comment",
					201, "application/json", "{\"id\":\"1\",\"created\":\"yesterday\"}");

			assertThat(wrongType).hasSize(2).allSatisfy(violation -> assertThat(violation).startsWith("SIMULATOR: "));
			assertThat(undeclaredStatus).singleElement().asString().contains("403");
			assertThat(notAnErrorCollection).singleElement().asString().contains("ErrorCollection");
			assertThat(notADate).singleElement().asString().contains("date-time");
		}

		@Test
		void acceptsJirasOwnWireFormatWhereTheSpecDisagrees() {
			assertThat(JiraSpecValidator.responseViolations("POST", "/rest/api/3/issue/SCRUM-1/comment", 201,
					"application/json", "{\"id\":\"1\",\"created\":\"2026-11-10T10:00:00.000+0000\"}"))
				.isEmpty();
			assertThat(JiraSpecValidator.responseViolations("PUT", "/rest/api/3/issue/SCRUM-1", 204, null, null))
				.isEmpty();
			assertThat(JiraSpecValidator.responseViolations("GET", "/rest/api/3/issue/SCRUM-1", 404, "application/json",
					"{\"errorMessages\":[\"gone\"],\"errors\":{}}"))
				.isEmpty();
		}

	}

}

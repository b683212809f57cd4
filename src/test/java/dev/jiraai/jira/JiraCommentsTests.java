package dev.jiraai.jira;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jiraai.contracts.ContractSchemas;
import dev.jiraai.jira.payload.PostedComment;
import dev.jiraai.support.AppTestSupport;
import dev.jiraai.support.JiraFault;
import dev.jiraai.support.SimulatedSite;
import dev.jiraai.tenancy.SiteUser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link JiraComments}: comments as the user, in ADF with real mentions, posted exactly
 * once.
 */
class JiraCommentsTests extends AppTestSupport {

	@Autowired
	JiraComments comments;

	private SimulatedSite site;

	private SiteUser alice;

	@BeforeEach
	void install() {
		this.site = installedSite("comments");
		this.alice = connectUser(this.site, this.site.user("Alice"));
	}

	private JsonNode lastComment(String issueKey) {
		JsonNode all = this.site.data().issue(issueKey).orElseThrow().path("comments");
		return all.get(all.size() - 1);
	}

	@Test
	void postsMarkdownAsAdfWithRealMentionsAsTheUser() {
		String bob = this.site.user("Bob");

		PostedComment posted = this.comments.add(this.alice, IssueKey.of("SCRUM-1"),
				"@[Bob Builder](" + bob + ") which PSP?\n\n- Adyen\n- **Stripe**");

		assertThat(posted.id()).isNotBlank();
		JsonNode comment = lastComment("SCRUM-1");
		assertThat(comment.path("author").asText()).isEqualTo(this.alice.accountId());
		ContractSchemas.assertValidAdf(comment.path("body"));
		JsonNode mention = comment.path("body").path("content").get(0).path("content").get(0);
		assertThat(mention.path("type").asText()).isEqualTo("mention");
		assertThat(mention.path("attrs").path("id").asText()).isEqualTo(bob);
		assertThat(comment.path("body").toString()).contains("bulletList").contains("strong");
	}

	@Test
	void aCommentWhoseResponseIsLostIsPostedOnce() {
		this.site.inject(JiraFault.lostResponse("POST", "/rest/api/3/issue/SCRUM-2/comment"));

		PostedComment posted = this.comments.add(this.alice, IssueKey.of("SCRUM-2"), "Only once");

		assertThat(this.site.data().issue("SCRUM-2").orElseThrow().path("comments")).hasSize(1);
		assertThat(posted.id()).isEqualTo(lastComment("SCRUM-2").path("id").asText());
	}

	@Test
	void aUserWhoMayNotCommentIsRefusedByJira() {
		this.site.deny(this.alice.accountId(), "ADD_COMMENTS", "SCRUM");

		assertThatExceptionOfType(JiraException.Forbidden.class)
			.isThrownBy(() -> this.comments.add(this.alice, IssueKey.of("SCRUM-2"), "Let me in"));
		assertThat(this.site.data().issue("SCRUM-2").orElseThrow().path("comments")).isEmpty();
	}

	@Test
	void aUserWhoMayNotSeeTheIssueGetsNotFound() {
		this.site.deny(this.alice.accountId(), "BROWSE_PROJECTS", "OPS");

		assertThatExceptionOfType(JiraException.NotFound.class)
			.isThrownBy(() -> this.comments.add(this.alice, IssueKey.of("OPS-1"), "Hidden"));
	}

}

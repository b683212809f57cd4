package dev.jiraai.confirm;

import java.net.URI;
import java.nio.file.Path;

import com.atlassian.connect.spring.AtlassianHost;
import com.atlassian.connect.spring.AtlassianHostUser;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jiraai.JiraAiApplication;
import dev.jiraai.tenancy.Site;
import dev.jiraai.tenancy.SiteUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A pending proposal survives an application restart: it lives in PostgreSQL, not in
 * memory.
 */
class ProposalRestartTests {

	private static ConfigurableApplicationContext start(Path data) {
		return new SpringApplicationBuilder(JiraAiApplication.class)
			.properties("server.port=0", "app.base-url=http://localhost:8080",
					"jira-ai.embedded-postgres.data-directory=" + data, "spring.main.banner-mode=off")
			.run();
	}

	@Test
	void aPendingProposalIsStillThereAfterARestart(@TempDir Path data) {
		AtlassianHost host = new AtlassianHost();
		host.setClientKey("restart-site");
		host.setBaseUrl("https://restart.atlassian.net");
		SiteUser user = new SiteUser(
				new Site("restart-site", URI.create("https://restart.atlassian.net"),
						URI.create("https://restart.atlassian.net"), "jira", null),
				"account-1", SiteUser.Channel.CONNECT,
				AtlassianHostUser.builder(host).withUserAccountId("account-1").build());
		ObjectNode payload = new ObjectMapper().createObjectNode().put("issueKey", "PAY-1").put("markdown", "Hello");

		Proposal proposed;
		try (ConfigurableApplicationContext first = start(data)) {
			proposed = first.getBean(Proposals.class).propose(user, "assess", "assess.comment", payload);
		}

		try (ConfigurableApplicationContext second = start(data)) {
			Proposal after = second.getBean(Proposals.class).get(user, proposed.id());

			assertThat(after.state()).isEqualTo(Proposal.State.PENDING);
			assertThat(after.payload()).isEqualTo(payload);
			assertThat(after.expiresAt()).isEqualTo(proposed.expiresAt());
		}
	}

}

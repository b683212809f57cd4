package dev.jiraai.standup;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.jiraai.confirm.Proposals;
import dev.jiraai.jira.JiraSearch;
import dev.jiraai.jira.JiraUsers;
import dev.jiraai.problem.DescribedProblem;
import dev.jiraai.tenancy.Site;
import dev.jiraai.tenancy.SiteFeatures;
import dev.jiraai.tenancy.SiteUser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;

import org.springframework.http.HttpStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;

/**
 * With stand-up switched off for a site, every stand-up operation answers 404 "Stand-up
 * is off for this site" and the chat is never told a stand-up is due; nothing reaches
 * Jira or the database.
 */
@ExtendWith(MockitoExtension.class)
class StandupsFeatureOffTests {

	@Mock
	StandupStore store;

	@Mock
	JiraUsers users;

	@Mock
	JiraSearch search;

	@Mock
	SiteFeatures features;

	@Mock
	Proposals proposals;

	@Mock
	StandupComments comments;

	private Standups standups;

	private final SiteUser user = new SiteUser(new Site("jira:off", URI.create("https://off.example.net"),
			URI.create("https://off.example.net"), "jira", null), "5b10a2844c20165700ede21g", SiteUser.Channel.CONNECT,
			null);

	@BeforeEach
	void switchedOff() {
		given(this.features.forSite(this.user.site())).willReturn(Map.of("standup", false, "chat", true));
		this.standups = new Standups(this.store, this.users, this.search, this.features, this.proposals, this.comments,
				Optional.empty());
	}

	@Test
	void everyOperationIsNotFoundAndNothingIsDue() {
		List<Runnable> operations = List.of(() -> this.standups.today(this.user),
				() -> this.standups.save(this.user, new StandupAnswers("Fixed SCRUM-2", null, null, null)),
				() -> this.standups.snooze(this.user), () -> this.standups.history(this.user, 30),
				() -> this.standups.preview(this.user, false));
		for (Runnable operation : operations) {
			assertThatExceptionOfType(StandupProblem.Off.class).isThrownBy(operation::run)
				.withMessage("Stand-up is off for this site")
				.satisfies(off -> assertThat(((DescribedProblem) off).problemType().status())
					.isEqualTo(HttpStatus.NOT_FOUND));
		}
		assertThat(this.standups.due(this.user)).isFalse();
		verifyNoInteractions(this.store, this.users, this.search, this.proposals, this.comments);
	}

}

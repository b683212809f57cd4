package dev.jiraai;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The production profile refuses to start without a public HTTPS base URL and an external
 * database.
 */
class ProductionSettingsCheckTests {

	private final ProductionSettingsCheck check = new ProductionSettingsCheck();

	private MockEnvironment production() {
		MockEnvironment environment = new MockEnvironment();
		environment.setActiveProfiles("production");
		return environment;
	}

	@Test
	void refusesToStartWithoutBaseUrlAndDatabase() {
		MockEnvironment environment = production().withProperty("app.base-url", "http://localhost:8080");

		assertThatIllegalStateException()
			.isThrownBy(() -> this.check.postProcessEnvironment(environment, new SpringApplication()))
			.withMessageContaining("APP_BASE_URL")
			.withMessageContaining("SPRING_DATASOURCE_URL")
			.withMessageContaining("SPRING_DATASOURCE_PASSWORD");
	}

	@Test
	void startsWithEverythingSet() {
		MockEnvironment environment = production().withProperty("app.base-url", "https://ai.example.com")
			.withProperty("spring.datasource.url", "jdbc:postgresql://db:5432/jira_ai")
			.withProperty("spring.datasource.username", "jira_ai")
			.withProperty("spring.datasource.password", "secret");

		assertThatCode(() -> this.check.postProcessEnvironment(environment, new SpringApplication()))
			.doesNotThrowAnyException();
	}

	@Test
	void leavesOtherProfilesAlone() {
		assertThatCode(() -> this.check.postProcessEnvironment(new MockEnvironment(), new SpringApplication()))
			.doesNotThrowAnyException();
	}

}

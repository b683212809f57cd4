package dev.jiraai;

import dev.jiraai.database.EmbeddedPostgresEarlyStart;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Jira AI Assistant: a Connect-on-Forge Jira Cloud app that assesses, drafts and chats
 * about issues.
 */
// No user store and no generated password: every caller is a Jira site or user proven by
// a Connect JWT or a Forge
// Invocation Token.
@SpringBootApplication(exclude = UserDetailsServiceAutoConfiguration.class)
@ConfigurationPropertiesScan
@EnableScheduling
public class JiraAiApplication {

	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(JiraAiApplication.class);
		application.addListeners(new EmbeddedPostgresEarlyStart());
		application.run(args);
	}

}

package dev.jiraai.web;

import java.util.List;

import com.atlassian.connect.spring.ContextJwt;
import dev.jiraai.ai.Intent;
import dev.jiraai.ai.IntentClassifier;
import dev.jiraai.jira.JiraIdentity;
import dev.jiraai.jira.JiraMetadata;
import dev.jiraai.tenancy.SiteUser;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Classifies what a chat message asks for (the chat routes on it).
 */
@RestController
@ContextJwt
class IntentController {

	private final IntentClassifier classifier;

	private final JiraMetadata metadata;

	IntentController(IntentClassifier classifier, JiraMetadata metadata) {
		this.classifier = classifier;
		this.metadata = metadata;
	}

	/**
	 * A chat message to classify.
	 *
	 * @param message what the user typed
	 */
	record IntentRequest(@NotBlank @Size(max = 8000) String message) {
	}

	@PostMapping("/api/intents")
	Intent classify(SiteUser user, @Valid @RequestBody IntentRequest request) {
		List<String> projects = this.metadata.projects(JiraIdentity.of(user))
			.stream()
			.map(project -> project.key() + " " + project.name())
			.toList();
		return this.classifier.classify(user.site(), user.accountId(), request.message(), projects);
	}

}

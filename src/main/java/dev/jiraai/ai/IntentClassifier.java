package dev.jiraai.ai;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import dev.jiraai.tenancy.Site;

import org.springframework.stereotype.Service;

/**
 * Classifies a chat message as requirement analysis, ticket creation, ticket assessment
 * or a general query, with the issue keys, project and priority it names. A low
 * confidence is reported ({@link Intent#confident()} false), not turned into a guess;
 * entities the message does not contain are dropped, whatever the model said.
 */
@Service
public class IntentClassifier {

	/** Below this, the chat asks the user what they mean instead of acting. */
	static final double CONFIDENCE_THRESHOLD = 0.6;

	static final String PROMPT = "intent_classifier";

	private final StructuredOutputs outputs;

	IntentClassifier(StructuredOutputs outputs) {
		this.outputs = outputs;
	}

	/**
	 * Classifies a message.
	 * @param projects the "KEY Name" of the projects the user can see
	 */
	public Intent classify(Site site, String accountId, String message, List<String> projects) {
		AiCall call = new AiCall(site, accountId, "chat", PROMPT + ".system", PROMPT, Map.of("message", message,
				"projects", String.join(", ", projects), "today", LocalDate.now(ZoneOffset.UTC).toString()));
		StructuredOutputs.Structured<Classified> answer = this.outputs.call(call, Classified.class);
		Classified classified = answer.value();
		String upper = UntrustedText.strip(message).toUpperCase(Locale.ROOT);
		List<String> keys = classified.entities()
			.issueKeys()
			.stream()
			.filter(key -> upper.contains(key.toUpperCase(Locale.ROOT)))
			.distinct()
			.toList();
		String named = classified.entities().project();
		String project = (named != null && projects.stream().anyMatch(p -> p.split(" ", 2)[0].equalsIgnoreCase(named)))
				? named : null;
		return new Intent(Intent.Kind.of(classified.intent()), classified.confidence(),
				classified.confidence() >= CONFIDENCE_THRESHOLD, keys, project, classified.entities().priority(),
				classified.reasoning(), answer.answer().promptVersion());
	}

	/** The classifier's answer as its prompt's schema describes it. */
	record Classified(@NotNull String intent, @DecimalMin("0") @DecimalMax("1") double confidence,
			@NotNull @Valid Entities entities, @Size(max = 300) String reasoning) {
	}

	record Entities(@NotNull List<String> issueKeys, String project, String priority) {
	}

}

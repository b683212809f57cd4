package dev.jiraai.ai;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One prompt of the catalog: its front matter and its body, ready to render.
 *
 * @param id the prompt id, e.g. {@code ticket_assessor}
 * @param version the prompt's version, bumped on every change
 * @param description what it is for
 * @param role {@code system} or {@code user}
 * @param temperature the sampling temperature, or {@code null} for the model's default
 * @param maxTokens the completion token limit, or {@code null}
 * @param outputFormat {@code json}, {@code markdown} or {@code text}
 * @param outputSchema the JSON schema a {@code json} answer must match, or {@code null}
 * @param variables the placeholders the body uses
 * @param body the template, with {@code {{name}}} placeholders
 * @param contentHash SHA-256 of the body and front matter, recorded with every result
 * @param source where it was loaded from (classpath, a directory, or a site override)
 */
public record PromptTemplate(String id, int version, String description, String role, Double temperature,
		Integer maxTokens, String outputFormat, JsonNode outputSchema, List<Variable> variables, String body,
		String contentHash, String source) {

	/**
	 * {@code {{name}}}: does not collide with the single braces of JSON examples in
	 * prompts.
	 */
	static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_]+)\\s*}}");

	/**
	 * A placeholder of the body.
	 *
	 * @param name its name
	 * @param description what goes in it
	 * @param untrusted whether its value comes from Jira users (fenced as data when
	 * rendered)
	 */
	public record Variable(String name, String description, boolean untrusted) {
	}

	/** Whether the answer must be a JSON document matching {@link #outputSchema()}. */
	public boolean expectsJson() {
		return "json".equals(this.outputFormat);
	}

	/** The placeholders used in a body. */
	static Set<String> placeholders(String body) {
		Set<String> names = new java.util.LinkedHashSet<>();
		Matcher matcher = PLACEHOLDER.matcher(body);
		while (matcher.find()) {
			names.add(matcher.group(1));
		}
		return names;
	}

	/**
	 * Renders the body. Untrusted values are stripped of invisible control characters and
	 * fenced as data.
	 * @throws PromptException when a declared variable has no value or a value is given
	 * for an unknown one
	 */
	public String render(Map<String, String> values) {
		Map<String, Variable> declared = new LinkedHashMap<>();
		this.variables.forEach(variable -> declared.put(variable.name(), variable));
		for (String name : values.keySet()) {
			if (!declared.containsKey(name)) {
				throw new PromptException(
						"Prompt '%s' has no variable '%s' (declared: %s)".formatted(this.id, name, declared.keySet()));
			}
		}
		Matcher matcher = PLACEHOLDER.matcher(this.body);
		StringBuilder rendered = new StringBuilder();
		while (matcher.find()) {
			String name = matcher.group(1);
			String value = values.get(name);
			if (value == null) {
				throw new PromptException("Prompt '%s' needs a value for '%s'".formatted(this.id, name));
			}
			String text = declared.get(name).untrusted() ? UntrustedText.fence(name, value) : value;
			matcher.appendReplacement(rendered, Matcher.quoteReplacement(text));
		}
		matcher.appendTail(rendered);
		return rendered.toString();
	}

}

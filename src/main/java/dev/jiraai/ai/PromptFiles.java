package dev.jiraai.ai;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Parses a prompt file: YAML front matter between {@code ---} lines, then the body.
 * Checks that the id matches the file name, the version is a number and the body's
 * placeholders are exactly the declared variables.
 */
final class PromptFiles {

	private static final ObjectMapper json = new ObjectMapper();

	private PromptFiles() {
	}

	static PromptTemplate parse(String fileName, String content, String source) {
		String text = content.replace("\r\n", "\n");
		if (!text.startsWith("---\n")) {
			throw new PromptException("Prompt '%s' has no front matter".formatted(fileName));
		}
		int end = text.indexOf("\n---\n", 4);
		if (end < 0) {
			throw new PromptException("Prompt '%s' does not close its front matter with ---".formatted(fileName));
		}
		Map<String, Object> front;
		try {
			front = new Yaml(new SafeConstructor(new LoaderOptions())).load(text.substring(4, end));
		}
		catch (RuntimeException ex) {
			throw new PromptException("Prompt '%s' has invalid front matter: %s".formatted(fileName, ex.getMessage()),
					ex);
		}
		String body = text.substring(end + 5).strip() + "\n";
		String expectedId = fileName.replaceAll("\\.md$", "");
		Object id = front.get("id");
		if (!expectedId.equals(id)) {
			throw new PromptException("Prompt '%s' declares id '%s'".formatted(fileName, id));
		}
		if (!(front.get("version") instanceof Integer version)) {
			throw new PromptException("Prompt '%s' needs an integer version".formatted(fileName));
		}
		List<PromptTemplate.Variable> variables = new ArrayList<>();
		if (front.get("variables") instanceof List<?> declared) {
			for (Object entry : declared) {
				if (entry instanceof Map<?, ?> variable && variable.get("name") instanceof String name) {
					variables.add(new PromptTemplate.Variable(name, String.valueOf(variable.get("description")),
							Boolean.TRUE.equals(variable.get("untrusted"))));
				}
			}
		}
		Set<String> used = PromptTemplate.placeholders(body);
		Set<String> names = new java.util.LinkedHashSet<>(
				variables.stream().map(PromptTemplate.Variable::name).toList());
		if (!used.equals(names)) {
			throw new PromptException("Prompt '%s' uses %s but declares %s".formatted(fileName, used, names));
		}
		Map<?, ?> model = (front.get("model") instanceof Map<?, ?> m) ? m : Map.of();
		Map<?, ?> output = (front.get("output") instanceof Map<?, ?> o) ? o : Map.of();
		String format = (output.get("format") == null) ? "text" : String.valueOf(output.get("format"));
		JsonNode schema = (output.get("schema") == null) ? null : json.valueToTree(output.get("schema"));
		if ("json".equals(format) && schema == null) {
			throw new PromptException("Prompt '%s' answers JSON but declares no output schema".formatted(fileName));
		}
		return new PromptTemplate(expectedId, version, String.valueOf(front.getOrDefault("description", "")),
				String.valueOf(front.getOrDefault("role", "user")), number(model.get("temperature")),
				(model.get("max-tokens") instanceof Number n) ? n.intValue() : null, format, schema,
				List.copyOf(variables), body, sha256(text), source);
	}

	/**
	 * The same prompt with another body (a site's override): same id, variables and
	 * schema.
	 */
	static PromptTemplate withBody(PromptTemplate base, String body, String source) {
		Set<String> used = PromptTemplate.placeholders(body);
		Set<String> names = new java.util.LinkedHashSet<>(
				base.variables().stream().map(PromptTemplate.Variable::name).toList());
		if (!used.equals(names)) {
			throw new PromptException("The override of '%s' must use exactly the variables %s (it uses %s)"
				.formatted(base.id(), names, used));
		}
		return new PromptTemplate(base.id(), base.version(), base.description(), base.role(), base.temperature(),
				base.maxTokens(), base.outputFormat(), base.outputSchema(), base.variables(), body,
				sha256(base.contentHash() + "\n" + body), source);
	}

	private static Double number(Object value) {
		return (value instanceof Number n) ? n.doubleValue() : null;
	}

	static String sha256(String text) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}

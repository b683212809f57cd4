package dev.jiraai.ai;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every prompt in {@code prompts/} parses, carries a version and renders with its
 * declared variables exactly as its golden file says; a change of a prompt shows up as a
 * reviewed diff of its golden file. Run with {@code -Dgolden.update=true} to rewrite the
 * golden files after an intended change (and bump the prompt's version).
 */
class PromptGoldenTests {

	private static final Path PROMPTS = Path.of("prompts");

	private static final Path GOLDEN = Path.of("src/test/resources/dev/jiraai/ai/golden");

	private static final boolean UPDATE = Boolean.getBoolean("golden.update");

	static List<Path> promptFiles() throws IOException {
		try (Stream<Path> files = Files.walk(PROMPTS)) {
			return files.filter(file -> file.toString().endsWith(".md"))
				.filter(file -> !file.getFileName().toString().equals("README.md"))
				.sorted()
				.toList();
		}
	}

	@ParameterizedTest
	@MethodSource("promptFiles")
	void rendersAsItsGoldenFile(Path file) throws IOException {
		PromptTemplate prompt = PromptFiles.parse(file.getFileName().toString(), Files.readString(file),
				file.toString());
		Map<String, String> samples = new ObjectMapper().readValue(GOLDEN.resolve("sample-variables.json").toFile(),
				new TypeReference<>() {
				});
		Map<String, String> values = new LinkedHashMap<>();
		prompt.variables().forEach(variable -> {
			assertThat(samples).as("a sample value for variable '%s' of %s", variable.name(), prompt.id())
				.containsKey(variable.name());
			values.put(variable.name(), samples.get(variable.name()));
		});

		String rendered = "# %s v%d (%s, %s)%n%s".formatted(prompt.id(), prompt.version(), prompt.role(),
				prompt.outputFormat(), prompt.render(values));

		assertThat(prompt.version()).isPositive();
		assertThat(prompt.description()).isNotBlank();
		assertThat(rendered).doesNotContain("{{");
		prompt.variables()
			.stream()
			.filter(PromptTemplate.Variable::untrusted)
			.forEach(variable -> assertThat(rendered)
				.contains("<untrusted_data source=\"%s\">".formatted(variable.name())));
		Path golden = GOLDEN.resolve(prompt.id() + ".txt");
		if (UPDATE || !Files.exists(golden)) {
			Files.writeString(golden, rendered);
		}
		assertThat(rendered).isEqualTo(Files.readString(golden));
	}

}

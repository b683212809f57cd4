package dev.jiraai;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The module diagram in {@code docs/architecture.md} is the code's: drawn from the
 * modules Spring Modulith finds and the dependencies between them, so it cannot drift
 * from what {@code ModularityTests} enforces.
 */
class ArchitectureDocTests {

	private static final Path DOC = Path.of("docs/architecture.md");

	private static final String BEGIN = "<!-- modules:begin -->";

	private static final String END = "<!-- modules:end -->";

	@Test
	void theModuleDiagramIsTheOneTheCodeHas() throws IOException {
		String diagram = diagram(ApplicationModules.of(JiraAiApplication.class));
		String doc = Files.readString(DOC);
		String current = doc.substring(doc.indexOf(BEGIN) + BEGIN.length(), doc.indexOf(END)).strip();
		if (!current.equals(diagram.strip())) {
			Path proposed = Path.of("target/architecture-modules.md");
			Files.createDirectories(proposed.getParent());
			Files.writeString(proposed, diagram);
		}
		assertThat(current)
			.as("the block between %s and %s in %s (the current one is in target/architecture-modules.md)", BEGIN, END,
					DOC)
			.isEqualTo(diagram.strip());
	}

	/** A Mermaid graph: each module and the modules it uses directly. */
	private static String diagram(ApplicationModules modules) {
		StringBuilder graph = new StringBuilder("```mermaid\nflowchart TD\n");
		modules.stream().sorted(Comparator.comparing(ApplicationModule::getName)).forEach(module -> {
			graph.append("    ").append(module.getName()).append("[\"").append(module.getDisplayName()).append("\"]\n");
			String targets = module.getDirectDependencies(modules)
				.uniqueModules()
				.map(ApplicationModule::getName)
				.filter(name -> !name.equals(module.getName()))
				.distinct()
				.sorted()
				.collect(Collectors.joining(" & "));
			if (!targets.isEmpty()) {
				graph.append("    ").append(module.getName()).append(" --> ").append(targets).append('\n');
			}
		});
		return graph.append("```\n").toString();
	}

}

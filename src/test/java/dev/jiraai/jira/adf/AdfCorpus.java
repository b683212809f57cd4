package dev.jiraai.jira.adf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The Markdown samples of {@code corpus/} (test resources of this package), each
 * {@code NN-name.md} with its expected ADF outline in {@code NN-name.expect} (see
 * {@link AdfOutline}).
 */
final class AdfCorpus {

	private AdfCorpus() {
	}

	/**
	 * The sample names, in order.
	 * @return the names without extension, for example {@code 18-mentions-paragraph}
	 */
	static List<String> names() {
		try (Stream<Path> files = Files.list(directory())) {
			return files.map((file) -> file.getFileName().toString())
				.filter((name) -> name.endsWith(".md"))
				.map((name) -> name.substring(0, name.length() - ".md".length()))
				.sorted()
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static String markdown(String name) {
		return read(name + ".md");
	}

	/**
	 * The expected outline of a sample's ADF.
	 * @param name the sample name
	 * @return the outline, without the trailing line feed of the file
	 */
	static String expectedOutline(String name) {
		return read(name + ".expect").stripTrailing();
	}

	private static String read(String fileName) {
		try {
			return Files.readString(directory().resolve(fileName), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Path directory() {
		try {
			return Path.of(AdfCorpus.class.getResource("corpus").toURI());
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

}

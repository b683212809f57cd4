package dev.jiraai.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The app started as the README's "Run it in production" says: the jar extracted with
 * Spring Boot's {@code jarmode=tools}, an ahead-of-time cache of loaded and linked
 * classes (JDK 24+, {@code -XX:AOTCacheOutput}) made by one training start that stops
 * after the context refresh, and the heap capped at 512 MB. {@code bench.launch=jar}
 * measures a plain {@code java -jar} with default flags instead.
 *
 * @param jar the jar to start
 * @param jvmArguments the JVM flags of the launch
 */
record ProductionLaunch(Path jar, List<String> jvmArguments) {

	static final List<String> HEAP = List.of("-Xmx512m");

	static ProductionLaunch plain(Path jar) {
		return new ProductionLaunch(jar, List.of());
	}

	/**
	 * Extracts the jar into {@code work/app} and trains the AOT cache there, with the
	 * bench's properties and a data directory of its own (the measured start gets a fresh
	 * one).
	 */
	static ProductionLaunch prepare(Path jar, Path work, List<String> properties) throws IOException {
		Path app = work.resolve("app");
		Files.createDirectories(work);
		run(work.resolve("extract.log"),
				List.of(java(), "-Djarmode=tools", "-jar", jar.toString(), "extract", "--destination", app.toString()));
		Path extracted = app.resolve(jar.getFileName());
		Path cache = app.resolve("app.aot");
		List<String> training = new ArrayList<>(
				List.of(java(), "-XX:AOTCacheOutput=" + cache, "-Dspring.context.exit=onRefresh", "-Dserver.port=0",
						"-Djira-ai.embedded-postgres.data-directory=" + work.resolve("pgdata-training")));
		properties.forEach(property -> training.add("-D" + property));
		training.addAll(List.of("-jar", extracted.toString()));
		run(work.resolve("training.log"), training);
		if (!Files.isRegularFile(cache)) {
			throw new IllegalStateException(
					"No AOT cache after the training start; see " + work.resolve("training.log"));
		}
		List<String> flags = new ArrayList<>(HEAP);
		flags.add("-XX:AOTCache=" + cache);
		return new ProductionLaunch(extracted, flags);
	}

	private static void run(Path log, List<String> command) throws IOException {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		try {
			if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
				process.destroyForcibly();
				throw new IllegalStateException("%s failed; see %s".formatted(command.subList(0, 3), log));
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			process.destroyForcibly();
			throw new IllegalStateException("interrupted", ex);
		}
	}

	private static String java() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

}

package dev.jiraai.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Runs a Playwright walk-through from {@code frontend/e2e} in Debian's Chromium and
 * returns what it printed. In CI Chromium is always installed and the walk-through always
 * runs; elsewhere it is skipped when Chromium is missing.
 */
public final class BrowserWalkthrough {

	private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM_PATH", "/usr/bin/chromium"));

	private BrowserWalkthrough() {
	}

	/**
	 * Runs {@code frontend/e2e/<script>} with the page URL and screenshot path, and
	 * asserts it succeeded.
	 * @return its output
	 */
	public static String run(String script, String pageUrl, Path screenshot) throws IOException, InterruptedException {
		assumeTrue(System.getenv("CI") != null || Files.isExecutable(CHROMIUM),
				"Chromium is not installed here (apt-get install chromium); CI installs it and always runs this test");
		assertThat(CHROMIUM).as("Chromium for the browser test").isExecutable();
		assertThat(Path.of("frontend/node_modules/playwright-core")).as("playwright-core (npm ci in frontend)")
			.exists();
		Files.createDirectories(screenshot.toAbsolutePath().getParent());
		Process process = new ProcessBuilder("node", "frontend/e2e/" + script, pageUrl, screenshot.toString())
			.redirectErrorStream(true)
			.start();
		boolean finished = process.waitFor(120, TimeUnit.SECONDS);
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!finished) {
			process.destroyForcibly();
		}
		assertThat(finished).as("the browser walk-through finished: %s", output).isTrue();
		assertThat(process.exitValue()).as(output).isZero();
		assertThat(screenshot).exists();
		return output;
	}

}

package dev.jiraai.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packaged app as a child process ({@code java -jar}), wired to the bench's stand-ins
 * with system properties as the tests wire it, on a fresh embedded PostgreSQL data
 * directory. It reads the child's CPU time, threads and memory from {@code /proc} and its
 * heap from {@code jcmd}.
 */
final class AppProcess implements AutoCloseable {

	private static final Pattern HEAP_USED = Pattern.compile("total.*?used (\\d+)K");

	private final Process process;

	private final int port;

	private final long startedAt;

	AppProcess(Path jar, Path workDirectory, List<String> properties, List<String> jvmArguments) throws IOException {
		this.port = freePort();
		Files.createDirectories(workDirectory);
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(jvmArguments);
		command.add("-Dserver.port=" + this.port);
		command.add("-Dapp.base-url=" + baseUrl());
		command.add("-Djira-ai.embedded-postgres.data-directory=" + workDirectory.resolve("pgdata"));
		properties.forEach(property -> command.add("-D" + property));
		command.add("-jar");
		command.add(jar.toString());
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(workDirectory.resolve("app.log").toFile());
		builder.environment().put("OPENAI_API_KEY", "sk-bench");
		this.startedAt = System.nanoTime();
		this.process = builder.start();
	}

	String baseUrl() {
		return "http://localhost:" + this.port;
	}

	long pid() {
		return this.process.pid();
	}

	/**
	 * Waits until the Connect descriptor answers 200.
	 * @return the time from starting the process to that answer
	 */
	Duration awaitDescriptor(HttpClient http, Duration limit) throws InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + "/atlassian-connect.json"))
			.timeout(Duration.ofSeconds(2))
			.build();
		long deadline = this.startedAt + limit.toNanos();
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException("The app exited with " + this.process.exitValue() + "; see app.log");
			}
			try {
				if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
					return Duration.ofNanos(System.nanoTime() - this.startedAt);
				}
			}
			catch (IOException notYet) {
				// Not listening yet.
			}
			Thread.sleep(50);
		}
		throw new IllegalStateException("The descriptor did not answer within " + limit);
	}

	/** User plus system CPU time of the child so far, from {@code /proc/<pid>/stat}. */
	Duration cpuTime() {
		try {
			String stat = Files.readString(Path.of("/proc/" + pid() + "/stat"));
			// Fields after the command name, which is in parentheses and may hold spaces.
			String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
			long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
			return Duration.ofMillis(ticks * 1000 / 100);
		}
		catch (IOException ex) {
			return Duration.ZERO;
		}
	}

	/** Live threads and resident memory (KiB), from {@code /proc/<pid>/status}. */
	Memory memory() {
		try {
			long threads = 0;
			long rssKb = 0;
			for (String line : Files.readAllLines(Path.of("/proc/" + pid() + "/status"))) {
				if (line.startsWith("Threads:")) {
					threads = Long.parseLong(line.substring(8).trim());
				}
				else if (line.startsWith("VmRSS:")) {
					rssKb = Long.parseLong(line.substring(6).replace("kB", "").trim());
				}
			}
			return new Memory(threads, rssKb);
		}
		catch (IOException ex) {
			return new Memory(0, 0);
		}
	}

	/** Heap in use (KiB) as {@code jcmd <pid> GC.heap_info} reports it, or -1. */
	long heapUsedKb() {
		try {
			Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
					String.valueOf(pid()), "GC.heap_info")
				.redirectErrorStream(true)
				.start();
			String output = new String(jcmd.getInputStream().readAllBytes());
			jcmd.waitFor();
			// G1 prints one line for the heap; the serial and parallel collectors one per
			// generation.
			long used = -1;
			Matcher matcher = HEAP_USED.matcher(output);
			while (matcher.find()) {
				used = Math.max(used, 0) + Long.parseLong(matcher.group(1));
			}
			return used;
		}
		catch (IOException ex) {
			return -1;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return -1;
		}
	}

	record Memory(long threads, long rssKb) {
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	@Override
	public void close() {
		this.process.destroy();
		try {
			if (!this.process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
				this.process.destroyForcibly();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.process.destroyForcibly();
		}
	}

}

package dev.jiraai.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import dev.jiraai.support.JiraCloudSimulator;

/**
 * The assessment load benchmark: starts the packaged app against the lean stand-ins,
 * installs a site, then drives the assess API through Forge, Connect and Connect
 * streaming at rising concurrency and prints each figure beside its ideal (see
 * docs/benchmarks.md). Settings: {@code bench.duration} (per level, default 30s),
 * {@code bench.levels} (default 1,50,200,1000), {@code bench.jar}, {@code bench.out},
 * {@code bench.jvm}.
 */
public final class AssessBench {

	private static final Duration JIRA_LATENCY = Duration.ofMillis(40);

	private static final Duration FIRST_CHUNK = Duration.ofMillis(500);

	private static final Duration ANSWER = Duration.ofMillis(5000);

	/** 61 chunks: 75 ms apart after the first; 17 chunks: 281 ms apart. */
	private static final int FINE_CHUNKS = 61;

	private static final int COARSE_CHUNKS = 17;

	private final Duration duration;

	private final BenchJira jira;

	private final BenchModel model;

	private final AppProcess app;

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.executor(Executors.newVirtualThreadPerTaskExecutor())
		.connectTimeout(Duration.ofSeconds(10))
		.build();

	private final Map<String, Token> tokens = new ConcurrentHashMap<>();

	private AssessBench(Duration duration, BenchJira jira, BenchModel model, AppProcess app) {
		this.duration = duration;
		this.jira = jira;
		this.model = model;
		this.app = app;
	}

	public static void main(String[] args) throws Exception {
		Duration duration = Duration.parse("PT" + System.getProperty("bench.duration", "30s").toUpperCase());
		int[] levels = Arrays.stream(System.getProperty("bench.levels", "1,50,200,1000").split(","))
			.map(String::trim)
			.mapToInt(Integer::parseInt)
			.toArray();
		Path jar = Path.of(System.getProperty("bench.jar", "target/jira-ai-assistant.jar"));
		Path out = Path.of(System.getProperty("bench.out", "target/bench"));
		Path work = out.resolve("run-" + Instant.now().toEpochMilli());
		if (!Files.isRegularFile(jar)) {
			throw new IllegalStateException("No " + jar + ": package the app first");
		}
		try (BenchJira jira = new BenchJira(JIRA_LATENCY);
				BenchModel model = new BenchModel(FIRST_CHUNK, ANSWER, FINE_CHUNKS);
				ActAsUserTokens tokenEndpoint = new ActAsUserTokens(work.resolve("tls"), JIRA_LATENCY)) {
			List<String> properties = List.of("app.id=" + JiraCloudSimulator.FORGE_APP_ID,
					"app.key=" + JiraCloudSimulator.APP_KEY,
					"atlassian.connect.public-key-base-url=" + jira.publicKeyBaseUrl(),
					"atlassian.connect.forge-invocation-token-jwks-url=" + jira.forgeJwksUrl(), "api.host=localhost",
					"jira-ai.ai.base-url=" + model.baseUrl(),
					"jira-ai.ai.encryption.key=" + "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=",
					// A thousand users would spend the default daily token budgets in
					// seconds.
					"jira-ai.ai.budget.site-daily-tokens=1000000000000",
					"jira-ai.ai.budget.user-daily-tokens=1000000000000", "jira-ai.privacy.schedule=-");
			ProductionLaunch launch = "jar".equals(System.getProperty("bench.launch", "production"))
					? ProductionLaunch.plain(jar.toAbsolutePath())
					: ProductionLaunch.prepare(jar.toAbsolutePath(), work, properties);
			log("launch: %s %s".formatted(launch.jvmArguments(), launch.jar()));
			List<String> jvm = new ArrayList<>(tokenEndpoint.jvmArguments());
			jvm.addAll(launch.jvmArguments());
			jvm.addAll(jvmArguments());
			try (AppProcess app = new AppProcess(launch.jar(), work, properties, jvm)) {
				AssessBench bench = new AssessBench(duration, jira, model, app);
				Report report = bench.run(levels);
				String markdown = report.markdown();
				System.out.println(markdown);
				Files.createDirectories(out);
				Files.writeString(out.resolve("results.md"), markdown);
			}
		}
	}

	/**
	 * Extra JVM flags for the app: {@code bench.jvm}, space-separated (for a profile or a
	 * heap limit).
	 */
	private static List<String> jvmArguments() {
		String flags = System.getProperty("bench.jvm", "").trim();
		return flags.isEmpty() ? List.of() : List.of(flags.split("\\s+"));
	}

	private Report run(int[] levels) throws Exception {
		Duration coldStart = this.app.awaitDescriptor(this.http, Duration.ofMinutes(3));
		log("descriptor answered after %.1f s (pid %d)".formatted(coldStart.toMillis() / 1000.0, this.app.pid()));
		HttpResponse<String> installed = this.jira.install(this.http, this.app.baseUrl());
		if (installed.statusCode() / 100 != 2) {
			throw new IllegalStateException("Install answered " + installed.statusCode() + ": " + installed.body());
		}
		Report report = new Report(coldStart);
		// One of each, so JIT, pools and token caches are warm before anything counts.
		for (Kind kind : Kind.values()) {
			LoadDriver.Sample warm = call(kind, 0, true);
			log("warm-up %s: %s".formatted(kind, warm.ok() ? "ok" : warm.failure()));
		}
		call(Kind.CONNECT_JSON, 0, true);
		report.prompt(this.model.lastMessages());
		for (int users : levels) {
			LoadDriver.Run ideal = LoadDriver.run(users, this.duration, this::idealCall);
			log("ideal at %d: %d calls".formatted(users, ideal.samples().size()));
			for (Kind kind : Kind.values()) {
				report.add(measure(kind.label, users, ideal, 0, user -> call(kind, user, true)));
			}
		}
		for (int users : new int[] { 1, 200 }) {
			assessOnce(users);
			report.addUnchanged(measure("Unchanged re-assessment (Connect JSON)", users, null, JIRA_LATENCY.toMillis(),
					user -> call(Kind.CONNECT_JSON, user, false)));
		}
		this.model.chunks(COARSE_CHUNKS);
		for (int users : new int[] { 1, 200 }) {
			report.addCoarseRelay(
					measure("Connect stream, chunks %d ms apart".formatted(this.model.chunkSpacing().toMillis()), users,
							null, ANSWER.plus(JIRA_LATENCY).toMillis(), user -> call(Kind.CONNECT_STREAM, user, true)));
		}
		report.jiraCalls(this.jira.calls());
		return report;
	}

	/** The paths into the assess API. */
	enum Kind {

		FORGE_JSON("Forge JSON"), CONNECT_JSON("Connect JSON"), CONNECT_STREAM("Connect stream");

		final String label;

		Kind(String label) {
			this.label = label;
		}

	}

	/**
	 * Drives one level, reading the app's CPU before and after, sampling its threads and
	 * memory every half second, its heap once near the end, and its health endpoint.
	 */
	private Level measure(String path, int users, LoadDriver.Run ideal, double idealMillis, LoadDriver.Call call)
			throws InterruptedException {
		Duration cpuBefore = this.app.cpuTime();
		AtomicBoolean running = new AtomicBoolean(true);
		AtomicLong threads = new AtomicLong();
		AtomicLong rss = new AtomicLong();
		AtomicLong heap = new AtomicLong(-1);
		ConcurrentLinkedQueue<Long> health = new ConcurrentLinkedQueue<>();
		long heapAt = System.nanoTime() + this.duration.toNanos() * 4 / 5;
		Thread sampler = Thread.ofVirtual().start(() -> {
			while (running.get()) {
				AppProcess.Memory memory = this.app.memory();
				threads.accumulateAndGet(memory.threads(), Math::max);
				rss.accumulateAndGet(memory.rssKb(), Math::max);
				if (heap.get() < 0 && System.nanoTime() > heapAt) {
					heap.set(this.app.heapUsedKb());
				}
				sleep(Duration.ofMillis(500));
			}
		});
		Thread prober = Thread.ofVirtual().start(() -> {
			HttpRequest request = HttpRequest.newBuilder(URI.create(this.app.baseUrl() + "/actuator/health")).build();
			while (running.get()) {
				long start = System.nanoTime();
				try {
					this.http.send(request, HttpResponse.BodyHandlers.discarding());
					health.add(System.nanoTime() - start);
				}
				catch (Exception ex) {
					health.add(Duration.ofMinutes(1).toNanos());
				}
				sleep(Duration.ofMillis(200));
			}
		});
		LoadDriver.Run run = LoadDriver.run(users, this.duration, call);
		running.set(false);
		sampler.join();
		prober.join();
		double cpuPerRequest = (this.app.cpuTime().minus(cpuBefore).toNanos() / 1e6)
				/ Math.max(1, run.samples().size());
		Level level = new Level(path, users, run, ideal, idealMillis,
				new Level.Usage(cpuPerRequest, heap.get(), threads.get(), rss.get()), List.copyOf(health));
		log("%s at %d: %d requests, %d errors, p50 %.0f ms %s".formatted(path, users, run.samples().size(),
				level.errors(), level.p(0.5), level.failures()));
		return level;
	}

	/**
	 * What the app cannot avoid, called directly: one Jira read, then the model's whole
	 * answer.
	 */
	private LoadDriver.Sample idealCall(int user) throws Exception {
		long start = System.nanoTime();
		String key = issueKey(user);
		HttpResponse<String> issue = this.http.send(
				HttpRequest.newBuilder(URI.create(this.jira.baseUrl() + this.jira.issuePath(key))).build(),
				HttpResponse.BodyHandlers.ofString());
		String body = "{\"model\":\"bench\",\"messages\":[{\"role\":\"user\",\"content\":\"" + key + "\"}]}";
		HttpResponse<String> answer = this.http
			.send(HttpRequest.newBuilder(URI.create(this.model.baseUrl() + "/v1/chat/completions"))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build(), HttpResponse.BodyHandlers.ofString());
		return (issue.statusCode() == 200 && answer.statusCode() == 200) ? LoadDriver.Sample.ok(start)
				: LoadDriver.Sample.failed(start, "ideal " + issue.statusCode() + "/" + answer.statusCode());
	}

	/**
	 * One assessment through the app; for streams, also the relay delay of its first
	 * {@code text} event.
	 */
	private LoadDriver.Sample call(Kind kind, int user, boolean force) throws Exception {
		String key = issueKey(user);
		String accountId = "acc-bench-" + user;
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI.create(this.app.baseUrl() + "/api/issues/" + key + "/assessments?force=" + force))
			.timeout(Duration.ofMinutes(2))
			.POST(HttpRequest.BodyPublishers.noBody());
		if (kind == Kind.FORGE_JSON) {
			request.header("Authorization", "Bearer " + token("forge", accountId));
			request.header("x-forge-oauth-user", "bench-forge-user-" + user);
			request.header("x-forge-oauth-system", "bench-forge-system");
		}
		else {
			request.header("Authorization", "JWT " + token("connect", accountId));
		}
		long start = System.nanoTime();
		if (kind != Kind.CONNECT_STREAM) {
			request.header("Accept", "application/json");
			HttpResponse<String> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
			return (response.statusCode() == 200) ? LoadDriver.Sample.ok(start) : LoadDriver.Sample.failed(start,
					"HTTP " + response.statusCode() + " " + abbreviate(response.body()));
		}
		request.header("Accept", "text/event-stream");
		HttpResponse<Stream<String>> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofLines());
		if (response.statusCode() != 200) {
			response.body().close();
			return LoadDriver.Sample.failed(start, "HTTP " + response.statusCode());
		}
		long relay = -1;
		String outcome = null;
		try (Stream<String> lines = response.body()) {
			Iterator<String> it = lines.iterator();
			while (it.hasNext()) {
				String line = it.next();
				if (line.startsWith("event:text") && relay < 0) {
					long received = System.nanoTime();
					Long sent = this.model.firstChunkSentAt(key);
					relay = (sent != null && sent > start) ? received - sent : -1;
				}
				else if (line.startsWith("event:assessment") || line.startsWith("event:error")) {
					outcome = line.substring(6).trim();
				}
				else if (outcome != null && outcome.equals("error") && line.startsWith("data:")) {
					outcome = "error " + abbreviate(line);
				}
			}
		}
		long latency = System.nanoTime() - start;
		return "assessment".equals(outcome) ? new LoadDriver.Sample(latency, true, relay, null)
				: new LoadDriver.Sample(latency, false, relay, "stream ended with " + outcome);
	}

	/**
	 * Makes sure each of these users' issues has an assessment (one unforced call each,
	 * not measured), so that the unchanged re-assessment that follows never waits on the
	 * model, whatever levels ran before.
	 */
	private void assessOnce(int users) {
		try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
			for (int user = 0; user < users; user++) {
				int id = user;
				threads.execute(() -> {
					try {
						call(Kind.CONNECT_JSON, id, false);
					}
					catch (Exception ex) {
						log("priming %s failed: %s".formatted(issueKey(id), ex));
					}
				});
			}
		}
	}

	/** Each virtual user assesses its own issue, so the model is really called. */
	static String issueKey(int user) {
		return "BENCH-" + (10000 + user);
	}

	/**
	 * Tokens are reused for a minute: signing an RS256 token per request would put the
	 * bench's own CPU into the app's figures on two cores.
	 */
	private String token(String kind, String accountId) {
		Token token = this.tokens.compute(kind + accountId, (key, held) -> {
			if (held != null && held.until().isAfter(Instant.now())) {
				return held;
			}
			String value = kind.equals("forge") ? this.jira.forgeInvocationToken(accountId)
					: this.jira.contextJwt(accountId);
			return new Token(value, Instant.now().plusSeconds(60));
		});
		return token.value();
	}

	private record Token(String value, Instant until) {
	}

	private static String abbreviate(String text) {
		return (text == null || text.length() <= 160) ? text : text.substring(0, 160) + "...";
	}

	private static void sleep(Duration time) {
		try {
			Thread.sleep(time);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	static void log(String message) {
		System.out.println("[bench " + Instant.now() + "] " + message);
	}

}

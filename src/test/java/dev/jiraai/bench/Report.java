package dev.jiraai.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;

/** The benchmark's results as Markdown: every figure beside its ideal. */
final class Report {

	/**
	 * The original design's fixed assessor prompt, in o200k_base tokens (from the issue).
	 */
	static final int BASELINE_FIXED_TOKENS = 148;

	private static final Pattern ISSUE_BLOCK = Pattern
		.compile("(?s)<untrusted_data source=\"issue\">.*?</untrusted_data>");

	private static final Encoding o200k = Encodings.newDefaultEncodingRegistry().getEncoding(EncodingType.O200K_BASE);

	private final java.time.Duration coldStart;

	private final List<Level> levels = new ArrayList<>();

	private final List<Level> unchanged = new ArrayList<>();

	private final List<Level> coarseRelay = new ArrayList<>();

	private JsonNode prompt;

	private Map<String, Long> jiraCalls = Map.of();

	Report(java.time.Duration coldStart) {
		this.coldStart = coldStart;
	}

	void add(Level level) {
		this.levels.add(level);
	}

	void addUnchanged(Level level) {
		this.unchanged.add(level);
	}

	void addCoarseRelay(Level level) {
		this.coarseRelay.add(level);
	}

	void prompt(JsonNode messages) {
		this.prompt = messages;
	}

	void jiraCalls(Map<String, Long> calls) {
		this.jiraCalls = calls;
	}

	String markdown() {
		StringBuilder md = new StringBuilder();
		md.append("### Assessments under load (ratios to the ideal: 1.00 is as fast as the upstreams allow)\n\n");
		md.append("| Path | In flight | Requests | Errors | p50 s | p50/ideal | p99 s | p99/ideal | Req/s | "
				+ "Req/s / ideal | Relay p50 / p99 ms | CPU ms/req | Heap MB | Threads | RSS MB | Health p99 ms |\n");
		md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
		List<Level> all = new ArrayList<>(this.levels);
		all.addAll(this.coarseRelay);
		all.addAll(this.unchanged);
		for (Level level : all) {
			md.append(row(level));
		}
		md.append("\nIdeal per level: one Jira read (40 ms) then the model's whole answer (5,000 ms), called "
				+ "directly by the bench at the same concurrency");
		this.levels.stream()
			.filter(level -> level.ideal() != null)
			.map(level -> level.users())
			.distinct()
			.forEach(
					users -> this.levels.stream()
						.filter(level -> level.users() == users && level.ideal() != null)
						.findFirst()
						.ifPresent(level -> md.append("; %d in flight: p50 %s s, p99 %s s, %s req/s".formatted(users,
								seconds(level.idealP(0.5)), seconds(level.idealP(0.99)),
								number(level.idealThroughput())))));
		md.append(". Unchanged re-assessments are compared with one Jira read (40 ms); coarse-chunk streams with "
				+ "5,040 ms.\n\n");
		md.append("Cold start (process start to `/atlassian-connect.json` answering 200): **%.1f s**\n\n"
			.formatted(this.coldStart.toMillis() / 1000.0));
		md.append(tokens());
		List<String> failures = new ArrayList<>();
		all.forEach(level -> level.failures()
			.forEach(failure -> failures.add("%s at %d: %s".formatted(level.path(), level.users(), failure))));
		if (!failures.isEmpty()) {
			md.append("\nFailures seen (first distinct ones per level):\n\n");
			failures.forEach(failure -> md.append("- ").append(failure.replace("|", "\\|")).append('\n'));
		}
		md.append("\nJira stand-in calls during the run: ").append(this.jiraCalls).append('\n');
		return md.toString();
	}

	private String row(Level level) {
		List<Long> relays = level.relays();
		String relay = relays.isEmpty() ? "–" : "%.0f / %.0f".formatted(LoadDriver.quantileMillis(relays, 0.5),
				LoadDriver.quantileMillis(relays, 0.99));
		double throughput = level.run().throughputPerSecond();
		return "| %s | %d | %d | %d | %s | %s | %s | %s | %s | %s | %s | %.1f | %s | %d | %d | %.0f |\n".formatted(
				level.path(), level.users(), level.run().samples().size(), level.errors(), seconds(level.p(0.5)),
				ratio(level.p(0.5) / level.idealP(0.5)), seconds(level.p(0.99)),
				ratio(level.p(0.99) / level.idealP(0.99)), number(throughput),
				ratio(throughput / level.idealThroughput()), relay, level.app().cpuMillisPerRequest(),
				level.app().heapUsedKb() < 0 ? "?" : String.valueOf(level.app().heapUsedKb() / 1024),
				level.app().threads(), level.app().rssKb() / 1024,
				LoadDriver.quantileMillis(level.healthNanos(), 0.99));
	}

	private String tokens() {
		if (this.prompt == null) {
			return "Prompt tokens: no model request was captured.\n";
		}
		StringBuilder all = new StringBuilder();
		StringBuilder fixed = new StringBuilder();
		for (JsonNode message : this.prompt) {
			String content = message.path("content").asText("");
			all.append(content).append('\n');
			fixed.append(ISSUE_BLOCK.matcher(content).replaceAll("")).append('\n');
		}
		int promptTokens = o200k.countTokens(all.toString());
		int fixedTokens = o200k.countTokens(fixed.toString());
		Matcher key = BenchModel.ISSUE_KEY.matcher(all);
		int issueTokens = o200k.countTokens(BenchIssue.plainContent(key.find() ? key.group() : "BENCH-10000"));
		int baseline = BASELINE_FIXED_TOKENS + issueTokens;
		return """
				### Prompt tokens per assessment (o200k_base, message contents only)

				| Measure | Tokens |
				|---|---:|
				| Prompt the model received (%d messages) | %d |
				| of which fixed part (system + template, the `<untrusted_data source="issue">` block removed) | %d |
				| Baseline: %d fixed + the issue's own content rendered plainly (%d) | %d |
				| Ratio prompt / baseline | %s |
				""".formatted(this.prompt.size(), promptTokens, fixedTokens, BASELINE_FIXED_TOKENS, issueTokens,
				baseline, ratio(promptTokens / (double) baseline));
	}

	private static String seconds(double millis) {
		return Double.isNaN(millis) ? "–" : String.format(Locale.ROOT, "%.2f", millis / 1000);
	}

	private static String ratio(double value) {
		return (Double.isNaN(value) || Double.isInfinite(value)) ? "–" : String.format(Locale.ROOT, "%.2f", value);
	}

	private static String number(double value) {
		return String.format(Locale.ROOT, "%.1f", value);
	}

}

package dev.jiraai.bench;

import java.util.List;

/**
 * One measured level of one path, beside its ideal: the upstream time the app cannot
 * avoid, measured at the same concurrency by calling the stand-ins directly.
 *
 * @param path what was driven (e.g. "Forge JSON")
 * @param users requests in flight
 * @param run the app's samples
 * @param ideal the direct calls' samples, or null when the ideal is a fixed figure
 * @param idealMillis the fixed ideal latency when {@code ideal} is null
 * @param app what the app process used during the level
 * @param healthNanos latencies of {@code /actuator/health} probed during the level
 */
record Level(String path, int users, LoadDriver.Run run, LoadDriver.Run ideal, double idealMillis, Usage app,
		List<Long> healthNanos) {

	/** CPU, heap, threads and memory of the app during a level (peaks). */
	record Usage(double cpuMillisPerRequest, long heapUsedKb, long threads, long rssKb) {
	}

	List<Long> latencies() {
		return this.run.samples().stream().filter(LoadDriver.Sample::ok).map(LoadDriver.Sample::latencyNanos).toList();
	}

	long errors() {
		return this.run.samples().stream().filter(sample -> !sample.ok()).count();
	}

	List<Long> relays() {
		return this.run.samples()
			.stream()
			.filter(sample -> sample.ok() && sample.relayNanos() >= 0)
			.map(LoadDriver.Sample::relayNanos)
			.toList();
	}

	double p(double q) {
		return LoadDriver.quantileMillis(latencies(), q);
	}

	double idealP(double q) {
		if (this.ideal == null) {
			return this.idealMillis;
		}
		return LoadDriver.quantileMillis(this.ideal.samples()
			.stream()
			.filter(LoadDriver.Sample::ok)
			.map(LoadDriver.Sample::latencyNanos)
			.toList(), q);
	}

	/** What the ideal would serve: its measured rate, or users over the fixed latency. */
	double idealThroughput() {
		return (this.ideal != null) ? this.ideal.throughputPerSecond() : this.users / (this.idealMillis / 1000);
	}

	/** A few distinct failure messages, for the notes under the table. */
	List<String> failures() {
		return this.run.samples()
			.stream()
			.filter(sample -> !sample.ok())
			.map(LoadDriver.Sample::failure)
			.distinct()
			.limit(3)
			.toList();
	}

}

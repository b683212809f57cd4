package dev.jiraai.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A closed loop of virtual users on virtual threads: each sends its next request when the
 * previous one answered, until the level's time is up; requests under way then finish and
 * count.
 */
final class LoadDriver {

	private LoadDriver() {
	}

	/** One request of one virtual user. */
	@FunctionalInterface
	interface Call {

		Sample send(int user) throws Exception;

	}

	/** What one request measured; {@code relayNanos} is -1 when it has none. */
	record Sample(long latencyNanos, boolean ok, long relayNanos, String failure) {

		static Sample ok(long startedAt) {
			return new Sample(System.nanoTime() - startedAt, true, -1, null);
		}

		static Sample failed(long startedAt, String why) {
			return new Sample(System.nanoTime() - startedAt, false, -1, why);
		}

	}

	/** The samples of a level and the wall time it took. */
	record Run(List<Sample> samples, Duration elapsed) {

		double throughputPerSecond() {
			return this.samples.size() / (this.elapsed.toNanos() / 1e9);
		}

	}

	static Run run(int users, Duration duration, Call call) {
		ConcurrentLinkedQueue<Sample> samples = new ConcurrentLinkedQueue<>();
		long start = System.nanoTime();
		long end = start + duration.toNanos();
		try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
			for (int user = 0; user < users; user++) {
				int id = user;
				threads.execute(() -> {
					while (System.nanoTime() < end) {
						long startedAt = System.nanoTime();
						try {
							samples.add(call.send(id));
						}
						catch (Exception ex) {
							samples
								.add(Sample.failed(startedAt, ex.getClass().getSimpleName() + ": " + ex.getMessage()));
						}
					}
				});
			}
		}
		return new Run(new ArrayList<>(samples), Duration.ofNanos(System.nanoTime() - start));
	}

	/**
	 * The q-quantile (0..1) of some nanosecond values, in milliseconds; NaN when empty.
	 */
	static double quantileMillis(List<Long> nanos, double q) {
		if (nanos.isEmpty()) {
			return Double.NaN;
		}
		List<Long> sorted = new ArrayList<>(nanos);
		sorted.sort(null);
		int index = (int) Math.ceil(q * sorted.size()) - 1;
		return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index))) / 1e6;
	}

}

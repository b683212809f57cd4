package dev.jiraai.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The app's clock in full-app tests: the real time, moved forward by what a test asks for
 * (retention periods, leases, expiry), and back to the real time after each test.
 */
public final class TestClock extends Clock {

	private static final TestClock shared = new TestClock();

	private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

	private TestClock() {
	}

	public static TestClock shared() {
		return shared;
	}

	/** Moves the app's time forward. */
	public void advance(Duration duration) {
		this.offset.updateAndGet(current -> current.plus(duration));
	}

	/** Back to the real time. */
	public void reset() {
		this.offset.set(Duration.ZERO);
	}

	@Override
	public Instant instant() {
		return Instant.now().plus(this.offset.get());
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		throw new UnsupportedOperationException("The app works in UTC");
	}

}

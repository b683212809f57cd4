package dev.jiraai.admin;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

import dev.jiraai.problem.DescribedProblem;
import dev.jiraai.problem.ProblemType;

import org.springframework.http.HttpStatus;

/**
 * A range of UTC days, both ends included, of at most {@value #MAX_DAYS} days; the last
 * {@value #DEFAULT_DAYS} days when not given.
 *
 * @param from the first day
 * @param to the last day
 */
record Period(LocalDate from, LocalDate to) {

	static final int MAX_DAYS = 366;

	static final int DEFAULT_DAYS = 30;

	/**
	 * The period asked for, with the missing ends filled in.
	 * @throws InvalidPeriod when it ends before it starts or is longer than
	 * {@value #MAX_DAYS} days
	 */
	static Period of(LocalDate from, LocalDate to, Clock clock) {
		LocalDate last = (to != null) ? to : (from != null) ? from.plusDays(DEFAULT_DAYS - 1)
				: LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
		LocalDate first = (from != null) ? from : last.minusDays(DEFAULT_DAYS - 1);
		if (last.isBefore(first)) {
			throw new InvalidPeriod("The period ends (%s) before it starts (%s)".formatted(last, first));
		}
		if (ChronoUnit.DAYS.between(first, last) + 1 > MAX_DAYS) {
			throw new InvalidPeriod("The period from %s to %s is longer than %d days".formatted(first, last, MAX_DAYS));
		}
		return new Period(first, last);
	}

	/** Midnight UTC of the first day. */
	OffsetDateTime start() {
		return this.from.atStartOfDay().atOffset(ZoneOffset.UTC);
	}

	/** Midnight UTC after the last day (exclusive). */
	OffsetDateTime end() {
		return this.to.plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC);
	}

	/** The period asked for cannot be shown. */
	static final class InvalidPeriod extends RuntimeException implements DescribedProblem {

		private static final ProblemType TYPE = new ProblemType(HttpStatus.BAD_REQUEST, "invalid-period",
				"Invalid period", "Choose a period of at most 366 days whose end is not before its start.");

		InvalidPeriod(String message) {
			super(message);
		}

		@Override
		public ProblemType problemType() {
			return TYPE;
		}

	}

}

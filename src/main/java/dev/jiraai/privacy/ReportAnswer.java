package dev.jiraai.privacy;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** What the personal data reporting API answered to one batch of accounts. */
sealed interface ReportAnswer {

	/**
	 * 200 or 204: the accounts whose data must be erased or refreshed (none for 204).
	 *
	 * @param accounts the accounts Atlassian asks the app to act on
	 * @param cyclePeriod how often Atlassian wants reports ({@code Cycle-Period}), if it
	 * said
	 */
	record Statuses(List<AccountStatus> accounts, Optional<Duration> cyclePeriod) implements ReportAnswer {
	}

	/**
	 * 429: report again after {@code retryAfter}.
	 *
	 * @param retryAfter the wait Atlassian asked for ({@code Retry-After})
	 */
	record RateLimited(Duration retryAfter) implements ReportAnswer {
	}

	/**
	 * What Atlassian says about one reported account.
	 *
	 * @param accountId the account id
	 * @param status {@code closed} (erase the data) or {@code updated} (refresh it)
	 */
	record AccountStatus(String accountId, String status) {

		boolean closed() {
			return "closed".equals(this.status);
		}

		boolean updated() {
			return "updated".equals(this.status);
		}

	}

}

package dev.jiraai.assess;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.jiraai.jira.IssueKey;
import dev.jiraai.jira.JiraException;
import dev.jiraai.jira.JiraIdentity;
import dev.jiraai.jira.JiraIssues;
import dev.jiraai.tenancy.Site;
import dev.jiraai.tenancy.Sites;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.task.TaskExecutor;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes an assessment's score as an issue entity property ({@value #PROPERTY}, indexed
 * for JQL such as {@code aiScore < 6}), after the assessment is answered: the user waits
 * for the assessment, not for this Jira round trip.
 * <p>
 * Written as the app: it is the app's own metadata, not content the user edits. Every new
 * assessment is stored as pending; the write right after the answer settles it, and when
 * that fails (Jira down, the instance stopped) a job on every instance retries what is
 * still pending a minute later, each row claimed by one instance only. A PUT of the same
 * property is idempotent, so a write that succeeded but was not recorded is harmless to
 * repeat.
 */
@Component
class ScoreProperties {

	private static final Logger logger = LoggerFactory.getLogger(ScoreProperties.class);

	static final String PROPERTY = "com.jiraai.assessment";

	/** How long the first attempt has before the job takes over. */
	private static final Duration FIRST_ATTEMPT = Duration.ofMinutes(1);

	private final JiraIssues issues;

	private final AssessmentRepository repository;

	private final Sites sites;

	private final TaskExecutor executor;

	private final TransactionTemplate transactions;

	private final Clock clock;

	ScoreProperties(JiraIssues issues, AssessmentRepository repository, Sites sites,
			@Qualifier("applicationTaskExecutor") TaskExecutor executor, TransactionTemplate transactions,
			Optional<Clock> clock) {
		this.issues = issues;
		this.repository = repository;
		this.sites = sites;
		this.executor = executor;
		this.transactions = transactions;
		this.clock = clock.orElseGet(Clock::systemUTC);
	}

	/** Writes the score of a just-stored assessment, on another thread. */
	void writeSoon(Site site, Assessment assessment) {
		Runnable attempt = () -> this.executor.execute(() -> {
			if (write(site, assessment.issueKey(), assessment)) {
				this.repository.scoreSettled(site.clientKey(), assessment.id());
			}
		});
		// Saved in a transaction (a task's step): the pending row is only there to
		// settle once it is committed.
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					attempt.run();
				}
			});
		}
		else {
			attempt.run();
		}
	}

	/** Retries the scores still pending after their first attempt. */
	@Scheduled(fixedDelayString = "${jira-ai.assess.score-retry-interval:PT1M}", initialDelayString = "PT1M")
	void retryPending() {
		Boolean more;
		do {
			more = this.transactions.execute(status -> {
				List<AssessmentRepository.PendingScore> pending = this.repository
					.claimPendingScores(this.clock.instant().minus(FIRST_ATTEMPT).atOffset(ZoneOffset.UTC), 50);
				int written = 0;
				for (AssessmentRepository.PendingScore score : pending) {
					Optional<Site> site = this.sites.installed(score.clientKey());
					if (site.isEmpty() || write(site.get(), score.issueKey(), score.assessment())) {
						this.repository.scoreSettled(score.clientKey(), score.assessment().id());
						written++;
					}
				}
				// Go on only while the batch was full and made progress.
				return pending.size() == 50 && written > 0;
			});
		}
		while (Boolean.TRUE.equals(more));
	}

	private boolean write(Site site, String issueKey, Assessment assessment) {
		try {
			this.issues.setProperty(JiraIdentity.app(site), IssueKey.of(issueKey), PROPERTY,
					Map.of("score", assessment.scores().overall(), "assessedAt",
							LocalDate.ofInstant(assessment.createdAt(), ZoneOffset.UTC).toString(), "assessmentId",
							assessment.id().toString()));
			return true;
		}
		catch (JiraException.NotFound | JiraException.Forbidden ex) {
			// The issue is gone, or the app may no longer write it: retrying cannot help.
			logger.info("The AI score of {} cannot be stored as an issue property: {}", issueKey, ex.getMessage());
			return true;
		}
		catch (RuntimeException ex) {
			logger.warn("Could not store the AI score of {} as an issue property yet (retried later): {}", issueKey,
					ex.getMessage());
			return false;
		}
	}

}

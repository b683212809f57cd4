package dev.jiraai.admin;

import java.time.Clock;
import java.time.LocalTime;
import java.util.Optional;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Daily;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Deletes audit entries past {@code jira-ai.admin.audit-retention}, every site's, once a
 * day: a db-scheduler recurring task, so one instance of the cluster runs it.
 */
@Configuration(proxyBeanMethods = false)
class AuditRetention {

	static final String TASK = "audit-retention";

	private static final Logger logger = LoggerFactory.getLogger(AuditRetention.class);

	@Bean
	RecurringTask<Void> auditRetentionTask(AuditTrail audit, AdminProperties properties, Optional<Clock> clock) {
		return Tasks.recurring(TASK, new Daily(LocalTime.of(3, 17))).execute((instance, context) -> {
			int deleted = audit.deleteOlderThan(properties.auditRetention(), clock.orElseGet(Clock::systemUTC));
			if (deleted > 0) {
				logger.info("Deleted {} audit entries past their retention of {}", deleted,
						properties.auditRetention());
			}
		});
	}

}

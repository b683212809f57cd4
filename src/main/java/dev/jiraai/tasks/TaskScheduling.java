package dev.jiraai.tasks;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.github.kagkarlsson.scheduler.boot.config.DbSchedulerCustomizer;
import com.github.kagkarlsson.scheduler.task.DeadExecutionHandler;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The db-scheduler side of tasks: one one-time task type whose instance id is the AI
 * task's id, run on virtual threads; a run interrupted by a shutdown is handed back at
 * once (any instance picks it up), a run whose instance died is revived after the missed
 * heartbeats; and a recurring clean-up of finished tasks that runs once across the
 * cluster.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TaskProperties.class)
class TaskScheduling {

	private static final Logger logger = LoggerFactory.getLogger(TaskScheduling.class);

	static final TaskDescriptor<Void> AI_TASK = TaskDescriptor.of("ai-task");

	/**
	 * db-scheduler runs executions on virtual threads: a task waiting on the model holds
	 * no platform thread.
	 */
	@Bean
	DbSchedulerCustomizer virtualThreadsForTasks() {
		return new DbSchedulerCustomizer() {
			@Override
			public Optional<ExecutorService> executorService() {
				return Optional
					.of(Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("ai-task-", 0).factory()));
			}
		};
	}

	@Bean
	OneTimeTask<Void> aiTask(TaskRunner runner) {
		FailureHandler<Void> handBack = (complete, operations) -> {
			// Only a shutdown makes a run fail (the runner stores every other failure
			// with the task): give it to whichever instance polls next.
			logger.info("Handing task {} back: {}", complete.getExecution().taskInstance.getId(),
					complete.getCause().map(Throwable::getMessage).orElse("no cause"));
			operations.reschedule(complete, Instant.now());
		};
		return new OneTimeTask<>(AI_TASK.getTaskName(), Void.class, handBack,
				new DeadExecutionHandler.ReviveDeadExecution<>()) {
			@Override
			public void executeOnce(com.github.kagkarlsson.scheduler.task.TaskInstance<Void> instance,
					com.github.kagkarlsson.scheduler.task.ExecutionContext context) {
				runner.run(UUID.fromString(instance.getId()));
			}
		};
	}

	/** Finished tasks' events after an hour, the tasks themselves after the retention. */
	@Bean
	RecurringTask<Void> aiTaskCleanup(TaskStore store, TaskProperties properties, Optional<Clock> clock) {
		return Tasks.recurring("ai-task-cleanup", FixedDelay.of(Duration.ofMinutes(10)))
			.execute((instance, context) -> {
				Instant now = clock.orElseGet(Clock::systemUTC).instant();
				int deleted = store.cleanUp(now.minus(properties.eventRetention()), now.minus(properties.retention()));
				if (deleted > 0) {
					logger.info("Deleted {} finished AI tasks past their retention", deleted);
				}
			});
	}

}

package dev.jiraai.tasks;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.kagkarlsson.scheduler.Scheduler;
import dev.jiraai.tenancy.SiteDataPurgeDue;
import dev.jiraai.tenancy.SiteUser;

import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Starts, shows, follows, cancels and resumes AI tasks for their users. Every operation
 * is scoped to the caller's site and account: another user's task is not found.
 */
@Service
public class AiTasks {

	private final TaskStore store;

	private final TaskRunner runner;

	private final LiveTasks live;

	private final TaskIdentities identities;

	private final Scheduler scheduler;

	private final TransactionTemplate transactions;

	private final TaskProperties properties;

	private final ObjectMapper json;

	private final Clock clock;

	AiTasks(TaskStore store, TaskRunner runner, LiveTasks live, TaskIdentities identities, Scheduler scheduler,
			TransactionTemplate transactions, TaskProperties properties, ObjectMapper json, Optional<Clock> clock) {
		this.store = store;
		this.runner = runner;
		this.live = live;
		this.identities = identities;
		this.scheduler = scheduler;
		this.transactions = transactions;
		this.properties = properties;
		this.json = json;
		this.clock = clock.orElseGet(Clock::systemUTC);
	}

	/**
	 * Starts a task for the user: checked by its handler, stored, and queued for any
	 * instance (this one is woken at once). Answers in milliseconds.
	 * @throws TaskException.TooMany when the site has too many tasks running
	 */
	@SuppressWarnings("unchecked")
	public <I> TaskView.Started start(SiteUser user, String kind, I input) {
		TaskHandler<I> handler = (TaskHandler<I>) this.runner.handler(kind);
		handler.admit(user, input);
		UUID id = UUID.randomUUID();
		JsonNode inputJson = this.json.valueToTree(input);
		TaskStore.Identity identity = this.identities.of(user);
		this.transactions.executeWithoutResult(status -> {
			String site = user.site().clientKey();
			this.store.lockSite(site);
			if (this.store.running(site) >= this.properties.maxRunningPerSite()) {
				throw new TaskException.TooMany(this.properties.maxRunningPerSite());
			}
			this.store.insert(id, site, user.accountId(), kind, inputJson, identity, now());
			this.runner.handOver(id, user);
			queue(id);
		});
		return new TaskView.Started(id, kind, TaskStatus.PROCESSING);
	}

	/**
	 * The user's task of one kind, for a feature's own endpoints: a task of another kind
	 * is not found there.
	 */
	public TaskView get(SiteUser user, UUID taskId, String kind) {
		TaskView view = get(user, taskId);
		if (!view.kind().equals(kind)) {
			throw new TaskException.NotFound(taskId);
		}
		return view;
	}

	/** The task as its user sees it. */
	public TaskView get(SiteUser user, UUID taskId) {
		TaskStore.Row row = owned(user, taskId);
		String text = null;
		if (row.status() == TaskStatus.PROCESSING) {
			text = this.live.get(taskId).map(LiveTask::text).orElseGet(() -> this.store.text(taskId));
			text = text.isEmpty() ? null : text;
		}
		TaskView.Progress progress = row.stage() == null ? null : new TaskView.Progress(row.stage(), row.message());
		return new TaskView(row.id(), row.kind(), row.status(), progress, text, row.result(), row.problem(),
				row.createdAt(), row.updatedAt());
	}

	/**
	 * Cancels a task that has not finished; a run on any instance stops within a second,
	 * one here at once.
	 * @throws TaskException.Conflict when it already finished
	 */
	public TaskView cancel(SiteUser user, UUID taskId) {
		owned(user, taskId);
		if (!this.store.cancel(taskId, now())) {
			throw new TaskException.Conflict("The task has already finished");
		}
		JsonNode data = this.json.createObjectNode();
		this.live.get(taskId).ifPresentOrElse(task -> {
			task.cancel();
			task.emit(TaskEvent.CANCELLED, data);
		}, () -> this.store.appendLast(taskId, TaskEvent.CANCELLED, data, now()));
		return get(user, taskId);
	}

	/**
	 * The user's decision on a task waiting for them: {@code continue} runs it again as
	 * the user of this request (whose Forge token it now carries), {@code cancel} ends
	 * it.
	 * @throws TaskException.Conflict when the task is not waiting
	 */
	public TaskView resume(SiteUser user, UUID taskId, String decision) {
		owned(user, taskId);
		if ("cancel".equals(decision)) {
			return cancel(user, taskId);
		}
		return resume(user, taskId, (JsonNode) null);
	}

	/**
	 * Runs a task waiting for its user again with their decision (what the handler finds
	 * next in {@link TaskContext#decisions()}), as the user of this request. Only one
	 * resume of one wait succeeds; a second is a conflict.
	 * @param decision the decision, or {@code null} to just continue
	 * @throws TaskException.Conflict when the task is not waiting
	 */
	public TaskView resume(SiteUser user, UUID taskId, JsonNode decision) {
		owned(user, taskId);
		TaskStore.Identity identity = this.identities.of(user);
		this.transactions.executeWithoutResult(status -> {
			if (!this.store.resume(taskId, identity, decision, now())) {
				throw new TaskException.Conflict("The task is not waiting for you");
			}
			this.runner.handOver(taskId, user);
			queue(taskId);
		});
		return get(user, taskId);
	}

	/**
	 * The input a task of the user was started with.
	 */
	public <I> I input(SiteUser user, UUID taskId, Class<I> type) {
		try {
			return this.json.treeToValue(owned(user, taskId).input(), type);
		}
		catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
			throw new IllegalStateException("The task's input cannot be read", ex);
		}
	}

	/** The stored events of one name of a task of the user, in order. */
	public List<JsonNode> events(SiteUser user, UUID taskId, String name) {
		owned(user, taskId);
		return this.store.events(taskId, 0).stream().filter(e -> e.name().equals(name)).map(TaskEvent::data).toList();
	}

	/** Hears a task's events. */
	public interface Watcher {

		/**
		 * @return false to stop watching (the client went away)
		 */
		boolean event(long id, String name, JsonNode data);

	}

	/**
	 * Tells the watcher the task's events after {@code afterId} until its current run
	 * ends (a result, an error, waiting for the user, or cancelled): from memory when the
	 * task runs here, from the database (polled) when it runs elsewhere.
	 */
	public void follow(SiteUser user, UUID taskId, long afterId, Watcher watcher) throws InterruptedException {
		owned(user, taskId);
		long after = afterId;
		while (true) {
			Optional<LiveTask> here = this.live.get(taskId);
			if (here.isPresent()) {
				LiveTask task = here.get();
				for (TaskEvent event : this.store.events(taskId, after)) {
					if (event.seq() >= task.firstSeq()) {
						break;
					}
					if (!watcher.event(event.seq(), event.name(), event.data())) {
						return;
					}
					after = event.seq();
					if (event.last()) {
						return;
					}
				}
				BlockingQueue<TaskEvent> queue = task.watch(after);
				try {
					while (true) {
						TaskEvent event = queue.poll(15, TimeUnit.SECONDS);
						if (event == null) {
							continue;
						}
						if (event == LiveTask.CLOSED) {
							break;
						}
						if (!watcher.event(event.seq(), event.name(), event.data())) {
							return;
						}
						after = event.seq();
						if (event.last()) {
							return;
						}
					}
				}
				finally {
					task.unwatch(queue);
				}
				continue;
			}
			List<TaskEvent> stored = this.store.events(taskId, after);
			for (TaskEvent event : stored) {
				if (!watcher.event(event.seq(), event.name(), event.data())) {
					return;
				}
				after = event.seq();
				if (event.last()) {
					return;
				}
			}
			if (stored.isEmpty()) {
				TaskStore.Row row = this.store.find(taskId).orElseThrow(() -> new TaskException.NotFound(taskId));
				if (row.status() != TaskStatus.PROCESSING) {
					// Ended, and its last event already cleaned up (or not yet written):
					// said from the task itself.
					lastFrom(row, after, watcher);
					return;
				}
				Thread.sleep(this.properties.watchPollInterval());
			}
		}
	}

	private void lastFrom(TaskStore.Row row, long after, Watcher watcher) {
		long id = Math.max(after, this.store.lastSeq(row.id())) + 1;
		switch (row.status()) {
			case COMPLETED -> watcher.event(id, TaskEvent.RESULT, row.result());
			case FAILED -> watcher.event(id, TaskEvent.ERROR, row.problem());
			case WAITING_CONFIRMATION -> watcher.event(id, TaskEvent.WAITING,
					this.json.valueToTree(new TaskView.Progress("waiting", row.message())));
			default -> watcher.event(id, TaskEvent.CANCELLED, this.json.createObjectNode());
		}
	}

	/** Stops runs here that were cancelled through another instance. */
	@Scheduled(fixedDelayString = "${jira-ai.tasks.cancel-check-interval:PT1S}")
	void stopCancelledRuns() {
		for (UUID id : this.store.cancelledAmong(this.live.ids())) {
			this.live.get(id).ifPresent(LiveTask::cancel);
		}
	}

	@EventListener
	void on(SiteDataPurgeDue event) {
		this.store.deleteSite(event.clientKey());
	}

	private TaskStore.Row owned(SiteUser user, UUID taskId) {
		if (user.accountId() == null) {
			throw new TaskException.NotFound(taskId);
		}
		return this.store.findOwned(taskId, user.site().clientKey(), user.accountId())
			.orElseThrow(() -> new TaskException.NotFound(taskId));
	}

	/**
	 * Queues the run (on the scheduler's real clock, not the app's) in the current
	 * transaction and wakes this instance's scheduler once it is committed
	 * (db-scheduler's own immediate execution would look before the commit and find
	 * nothing).
	 */
	private void queue(UUID taskId) {
		this.scheduler
			.scheduleIfNotExists(TaskScheduling.AI_TASK.instance(taskId.toString()).scheduledTo(Instant.now()));
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				AiTasks.this.scheduler.triggerCheckForDueExecutions();
			}
		});
	}

	private Instant now() {
		return this.clock.instant();
	}

}

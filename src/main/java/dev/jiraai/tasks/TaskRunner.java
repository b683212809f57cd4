package dev.jiraai.tasks;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jiraai.problem.ProblemMapper;
import dev.jiraai.tenancy.ForgeUserToken;
import dev.jiraai.tenancy.SiteUser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs one task on the instance db-scheduler gave it to: reads it back, acts as its user,
 * lets its handler work, and stores how it ended. A run that the instance's shutdown
 * interrupts ends in neither state: db-scheduler gives the task to another instance (or
 * to this one after its restart), and the finished steps are not done again.
 */
@Component
class TaskRunner implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(TaskRunner.class);

	private final TaskStore store;

	private final LiveTasks live;

	private final TaskIdentities identities;

	private final Map<String, TaskHandler<?>> handlers;

	private final ObjectMapper json;

	private final TransactionTemplate transactions;

	private final TaskProperties properties;

	private final Clock clock;

	private final ProblemMapper problems;

	/**
	 * Forge user tokens of tasks started or resumed here, for the run that follows, so a
	 * task runs even when no encryption key is configured.
	 */
	private final Map<UUID, ForgeUserToken> handedTokens = new ConcurrentHashMap<>();

	private final io.micrometer.core.instrument.MeterRegistry meters;

	private volatile boolean stopping;

	TaskRunner(TaskStore store, LiveTasks live, TaskIdentities identities, List<TaskHandler<?>> handlers,
			ObjectMapper json, TransactionTemplate transactions, TaskProperties properties,
			io.micrometer.core.instrument.MeterRegistry meters, Optional<Clock> clock, ProblemMapper problems) {
		this.meters = meters;
		this.store = store;
		this.live = live;
		this.identities = identities;
		this.handlers = handlers.stream()
			.collect(java.util.stream.Collectors.toUnmodifiableMap(TaskHandler::kind, handler -> handler));
		this.json = json;
		this.transactions = transactions;
		this.properties = properties;
		this.clock = clock.orElseGet(Clock::systemUTC);
		this.problems = problems;
	}

	TaskHandler<?> handler(String kind) {
		TaskHandler<?> handler = this.handlers.get(kind);
		if (handler == null) {
			// Kinds come from the app's own code, never from a request.
			throw new IllegalStateException("No task handles '" + kind + "'");
		}
		return handler;
	}

	void handOver(UUID taskId, SiteUser user) {
		user.forge().ifPresent(token -> this.handedTokens.put(taskId, token));
	}

	/**
	 * Runs the task, unless it is no longer running (cancelled, or finished by an earlier
	 * run that died before db-scheduler heard of it).
	 * @throws Interrupted when the instance stops during the run, so db-scheduler runs
	 * the task again elsewhere
	 */
	void run(UUID taskId) {
		Optional<TaskStore.Row> found = this.store.find(taskId);
		if (found.isEmpty() || found.get().status() != TaskStatus.PROCESSING) {
			this.handedTokens.remove(taskId);
			return;
		}
		TaskStore.Row row = found.get();
		long started = System.nanoTime();
		String ended = "interrupted";
		LiveTask task = new LiveTask(taskId, this.store.lastSeq(taskId), this.store.text(taskId), this::write,
				this.properties.textFlushInterval(), Thread.currentThread());
		this.live.add(task);
		try {
			Object result = runHandler(row, task);
			task.flush();
			JsonNode resultJson = this.json.valueToTree(result);
			if (this.store.finish(taskId, TaskStatus.COMPLETED, resultJson, null, now())) {
				task.emit(TaskEvent.RESULT, resultJson);
				ended = TaskStatus.COMPLETED.value();
			}
			else {
				ended = TaskStatus.CANCELLED.value();
			}
		}
		catch (UserNeeded ex) {
			task.flush();
			if (this.store.waitForUser(taskId, ex.getMessage(), null, now())) {
				task.emit(TaskEvent.WAITING, this.json.valueToTree(new TaskView.Progress("waiting", ex.getMessage())));
			}
			ended = TaskStatus.WAITING_CONFIRMATION.value();
		}
		catch (ConfirmationNeeded ex) {
			task.flush();
			if (this.store.waitForUser(taskId, ex.getMessage(), ex.awaiting(), now())) {
				com.fasterxml.jackson.databind.node.ObjectNode waiting = this.json.createObjectNode()
					.put("stage", "waiting")
					.put("message", ex.getMessage());
				if (ex.awaiting() != null && ex.awaiting().isObject()) {
					waiting.setAll((com.fasterxml.jackson.databind.node.ObjectNode) ex.awaiting());
				}
				task.emit(TaskEvent.WAITING, waiting);
			}
			ended = TaskStatus.WAITING_CONFIRMATION.value();
		}
		catch (RuntimeException ex) {
			task.flush();
			if (this.stopping && !task.cancelled()) {
				throw new Interrupted(taskId, ex);
			}
			if (task.cancelled() || this.store.status(taskId).filter(TaskStatus.CANCELLED::equals).isPresent()) {
				ended = TaskStatus.CANCELLED.value();
				return;
			}
			JsonNode problem = this.json.valueToTree(this.problems.problemOf(ex));
			if (this.store.finish(taskId, TaskStatus.FAILED, null, problem, now())) {
				task.emit(TaskEvent.ERROR, problem);
			}
			ended = TaskStatus.FAILED.value();
		}
		finally {
			// How long runs take and how they end, by kind: low-cardinality tags only.
			this.meters.timer("ai.tasks.runs", "kind", row.kind(), "outcome", ended)
				.record(java.time.Duration.ofNanos(System.nanoTime() - started));
			task.close();
			this.live.remove(task);
			this.handedTokens.remove(taskId);
			// The interrupt of a cancel must not reach db-scheduler's bookkeeping.
			Thread.interrupted();
		}
	}

	@SuppressWarnings("unchecked")
	private <I> Object runHandler(TaskStore.Row row, LiveTask task) {
		TaskHandler<I> handler = (TaskHandler<I>) handler(row.kind());
		I input;
		try {
			input = this.json.treeToValue(row.input(), handler.inputType());
		}
		catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
			throw new IllegalStateException("The task's input cannot be read", ex);
		}
		return handler.run(new Context(row, task), input);
	}

	private void write(UUID taskId, List<TaskEvent> events) {
		this.store.append(taskId, events, now());
	}

	private Instant now() {
		return this.clock.instant();
	}

	/** What a handler sees of its task. */
	private final class Context implements TaskContext {

		private final TaskStore.Row row;

		private final LiveTask task;

		private SiteUser user;

		Context(TaskStore.Row row, LiveTask task) {
			this.row = row;
			this.task = task;
		}

		@Override
		public UUID taskId() {
			return this.row.id();
		}

		@Override
		public SiteUser user() {
			if (this.user == null) {
				this.user = TaskRunner.this.identities.user(this.row,
						Optional.ofNullable(TaskRunner.this.handedTokens.get(this.row.id())));
			}
			return this.user;
		}

		@Override
		public void progress(String stage, String message) {
			TaskRunner.this.store.progress(this.row.id(), stage, message, now());
			this.task.emit(TaskEvent.PROGRESS, TaskRunner.this.json.valueToTree(new TaskView.Progress(stage, message)));
		}

		@Override
		public List<JsonNode> decisions() {
			return this.row.decisions();
		}

		@Override
		public void event(String name, Object data) {
			if (!TaskEvent.custom(name)) {
				throw new IllegalArgumentException("'%s' is one of the task's own events".formatted(name));
			}
			this.task.emit(name, TaskRunner.this.json.valueToTree(data));
		}

		@Override
		public void text(String delta) {
			this.task.emit(TaskEvent.TEXT, TaskRunner.this.json.createObjectNode().put("delta", delta));
		}

		@Override
		public <T> T step(String name, Class<T> type, Supplier<T> work) {
			Optional<T> done = stored(name, type);
			if (done.isPresent()) {
				return done.get();
			}
			T value = work.get();
			TaskRunner.this.store.saveStep(this.row.id(), name, TaskRunner.this.json.valueToTree(value), now());
			return value;
		}

		@Override
		public <T> T stepInTransaction(String name, Class<T> type, Supplier<T> work) {
			return TaskRunner.this.transactions.execute(status -> step(name, type, work));
		}

		private <T> Optional<T> stored(String name, Class<T> type) {
			return TaskRunner.this.store.step(this.row.id(), name).map(value -> {
				try {
					return TaskRunner.this.json.treeToValue(value, type);
				}
				catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
					throw new IllegalStateException("Step '%s' of a task cannot be read back".formatted(name), ex);
				}
			});
		}

	}

	/** The instance stopped during a run; the task goes on elsewhere. */
	static final class Interrupted extends RuntimeException {

		Interrupted(UUID taskId, Throwable cause) {
			super("Task " + taskId + " was interrupted by a shutdown", cause);
		}

	}

	// Stops before db-scheduler (which stops in a destroy callback after all lifecycles),
	// so that runs its shutdown interrupts are known to be interruptions, not failures.
	@Override
	public void start() {
		this.stopping = false;
	}

	@Override
	public void stop() {
		this.stopping = true;
		logger.debug("Tasks still running here will be picked up again: {}", this.live.ids());
	}

	@Override
	public boolean isRunning() {
		return !this.stopping;
	}

}

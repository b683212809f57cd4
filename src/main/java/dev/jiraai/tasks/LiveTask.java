package dev.jiraai.tasks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A task while this instance runs it: the one writer of its events. Every event gets the
 * next id and reaches the watchers here at once; it is written to the database at once
 * too, except text, which is written in batches ({@code textFlushInterval}) because a
 * stream has hundreds of pieces. Watchers here never miss a piece: they get this run's
 * events from memory, from the id they ask for.
 */
final class LiveTask {

	/** Tells a watcher that this run ended without a last event (the instance stops). */
	static final TaskEvent CLOSED = new TaskEvent(-1, "closed", null);

	interface Writer {

		void write(UUID taskId, List<TaskEvent> events);

	}

	private final UUID id;

	private final Writer writer;

	private final long flushEveryNanos;

	private final Thread runner;

	private final List<TaskEvent> events = new ArrayList<>();

	private final List<TaskEvent> unwritten = new ArrayList<>();

	private final StringBuilder text = new StringBuilder();

	private final List<BlockingQueue<TaskEvent>> watchers = new CopyOnWriteArrayList<>();

	private final long firstSeq;

	private long nextSeq;

	private long lastFlush = System.nanoTime();

	private boolean closed;

	private volatile boolean cancelled;

	/**
	 * @param lastStoredSeq the last event id of earlier runs
	 * @param earlierText the model's text of earlier runs, so the text so far always
	 * equals all text events in order, whichever run and instance wrote them
	 */
	LiveTask(UUID id, long lastStoredSeq, String earlierText, Writer writer, Duration flushEvery, Thread runner) {
		this.id = id;
		this.text.append(earlierText);
		this.writer = writer;
		this.flushEveryNanos = flushEvery.toNanos();
		this.runner = runner;
		this.firstSeq = lastStoredSeq + 1;
		this.nextSeq = lastStoredSeq + 1;
	}

	UUID id() {
		return this.id;
	}

	/** The first id of this run: earlier events are in the database only. */
	long firstSeq() {
		return this.firstSeq;
	}

	/** Adds an event and tells the watchers; writes it, or batches it when it is text. */
	TaskEvent emit(String name, JsonNode data) {
		TaskEvent event;
		List<TaskEvent> toWrite = null;
		synchronized (this) {
			if (this.closed) {
				return null;
			}
			event = new TaskEvent(this.nextSeq++, name, data);
			this.events.add(event);
			this.unwritten.add(event);
			if (TaskEvent.TEXT.equals(name)) {
				this.text.append(data.path("delta").asText(""));
			}
			boolean due = !TaskEvent.TEXT.equals(name) || System.nanoTime() - this.lastFlush >= this.flushEveryNanos;
			if (due) {
				toWrite = drain();
			}
			for (BlockingQueue<TaskEvent> watcher : this.watchers) {
				watcher.add(event);
			}
		}
		if (toWrite != null) {
			this.writer.write(this.id, toWrite);
		}
		return event;
	}

	/** Writes what is still batched (before the task's state changes). */
	void flush() {
		List<TaskEvent> toWrite;
		synchronized (this) {
			toWrite = drain();
		}
		if (!toWrite.isEmpty()) {
			this.writer.write(this.id, toWrite);
		}
	}

	private List<TaskEvent> drain() {
		List<TaskEvent> drained = List.copyOf(this.unwritten);
		this.unwritten.clear();
		this.lastFlush = System.nanoTime();
		return drained;
	}

	/** The model's text so far (of every run). */
	synchronized String text() {
		return this.text.toString();
	}

	/**
	 * A queue that receives this run's events after {@code afterSeq} (those already
	 * emitted first), then {@link #CLOSED} if the run ends without a last event.
	 */
	synchronized BlockingQueue<TaskEvent> watch(long afterSeq) {
		BlockingQueue<TaskEvent> queue = new LinkedBlockingQueue<>();
		for (TaskEvent event : this.events) {
			if (event.seq() > afterSeq) {
				queue.add(event);
			}
		}
		if (this.closed) {
			queue.add(CLOSED);
		}
		else {
			this.watchers.add(queue);
		}
		return queue;
	}

	void unwatch(BlockingQueue<TaskEvent> queue) {
		this.watchers.remove(queue);
	}

	/** The run is over: no more events; watchers still waiting are told. */
	void close() {
		synchronized (this) {
			this.closed = true;
			for (BlockingQueue<TaskEvent> watcher : this.watchers) {
				watcher.add(CLOSED);
			}
			this.watchers.clear();
		}
	}

	/** Stops the run: its thread is interrupted, which ends a model call at once. */
	void cancel() {
		this.cancelled = true;
		this.runner.interrupt();
	}

	boolean cancelled() {
		return this.cancelled;
	}

}

package dev.jiraai.tasks;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * The tasks this instance is running now. Only a shortcut: the database says what is true
 * (a watcher on another instance reads it), this says what can be told sooner.
 */
@Component
class LiveTasks {

	private final Map<UUID, LiveTask> running = new ConcurrentHashMap<>();

	LiveTasks(io.micrometer.core.instrument.MeterRegistry meters) {
		meters.gauge("ai.tasks.running", this.running, Map::size);
	}

	void add(LiveTask task) {
		this.running.put(task.id(), task);
	}

	void remove(LiveTask task) {
		this.running.remove(task.id(), task);
	}

	Optional<LiveTask> get(UUID id) {
		return Optional.ofNullable(this.running.get(id));
	}

	Set<UUID> ids() {
		return Set.copyOf(this.running.keySet());
	}

}

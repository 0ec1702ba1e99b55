package io.opencontrol.fleet.tasks;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.opencontrol.fleet.fleets.Fleets;
import io.opencontrol.platform.security.CallerRights;

import org.springframework.stereotype.Service;

/**
 * Tasks as a caller may see them: only those of fleets in its token's scope. A task of
 * another fleet is reported as not existing.
 */
@Service
public class Tasks {

	static final int MOST_LISTED = 500;

	private final TaskRepository repository;

	private final Fleets fleets;

	Tasks(TaskRepository repository, Fleets fleets) {
		this.repository = repository;
		this.fleets = fleets;
	}

	public Task get(CallerRights caller, UUID id) {
		return this.repository.find(id)
			.filter((task) -> caller.canSee(task.fleet()))
			.orElseThrow(() -> new TaskNotFound(id));
	}

	/** The task whatever the caller; for the coordinator's own decisions. */
	public Optional<Task> find(UUID id) {
		return this.repository.find(id);
	}

	public List<Task> list(CallerRights caller, String fleet, String status, String robot) {
		List<String> scope = this.fleets.scope(caller, fleet);
		return this.repository.find(scope, status, robot, MOST_LISTED);
	}

}

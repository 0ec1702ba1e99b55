package io.opencontrol.fleet.tasks;

import java.util.UUID;

/**
 * No task with this id exists for the caller (outside its fleets counts as not existing).
 */
public class TaskNotFound extends RuntimeException {

	public TaskNotFound(UUID task) {
		super("No task '" + task + "'");
	}

}

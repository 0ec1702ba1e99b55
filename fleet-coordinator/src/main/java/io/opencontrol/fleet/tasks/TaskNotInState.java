package io.opencontrol.fleet.tasks;

import java.util.UUID;

/** The task's status does not allow what was asked (a finished task cannot start). */
public class TaskNotInState extends RuntimeException {

	public TaskNotInState(UUID task, String status, String action) {
		super("Task '" + task + "' is " + status + "; it cannot be " + action);
	}

}

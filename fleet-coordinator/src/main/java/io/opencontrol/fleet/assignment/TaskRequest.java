package io.opencontrol.fleet.assignment;

import java.time.Instant;
import java.util.List;

/**
 * A task to be assigned, as {@code POST /assign_task} asks for it.
 *
 * @param fleet the fleet that should do it
 * @param type what kind of work
 * @param spec where, how long, with which capabilities, how urgent
 */
public record TaskRequest(String fleet, String type, TaskSpec spec) {

	public static TaskRequest of(String fleet, String type, int priority, double x, double y, Double dropoffX,
			Double dropoffY, List<String> capabilities, double workS, Instant deadline) {
		return new TaskRequest(fleet, type,
				new TaskSpec(x, y, dropoffX, dropoffY, capabilities, workS, priority, deadline));
	}

}

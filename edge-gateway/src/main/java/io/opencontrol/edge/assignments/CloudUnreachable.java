package io.opencontrol.edge.assignments;

/**
 * A report that must reach the fleet-coordinator now (a task started or finished, the
 * robot's state) could not: the robot should keep it and send it again.
 */
public class CloudUnreachable extends RuntimeException {

	CloudUnreachable(String message) {
		super(message);
	}

}

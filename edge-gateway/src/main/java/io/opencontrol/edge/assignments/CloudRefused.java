package io.opencontrol.edge.assignments;

/**
 * The fleet-coordinator refused a report from the robot (a task not in a state that
 * allows it, a task of another robot, a position off the map); its status and detail go
 * back to the robot's software unchanged.
 */
public class CloudRefused extends RuntimeException {

	private final int status;

	CloudRefused(int status, String detail) {
		super(detail);
		this.status = status;
	}

	public int status() {
		return this.status;
	}

}

package io.opencontrol.fleet.robots;

/**
 * No robot with this id exists for the caller (outside its fleets counts as not
 * existing).
 */
public class RobotNotFound extends RuntimeException {

	public RobotNotFound(String robot) {
		super("No robot '" + robot + "'");
	}

}

package io.opencontrol.fleet.robots;

/** A robot with this id is registered already. */
public class RobotAlreadyRegistered extends RuntimeException {

	public RobotAlreadyRegistered(String robot) {
		super("A robot '" + robot + "' is registered already");
	}

}

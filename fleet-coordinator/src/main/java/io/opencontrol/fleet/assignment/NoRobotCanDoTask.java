package io.opencontrol.fleet.assignment;

/**
 * No robot of the fleet could ever do the task, however long it waited: none has the
 * capabilities, the fleet has no robots, or the task needs more charge than a full
 * battery holds.
 */
public class NoRobotCanDoTask extends RuntimeException {

	public NoRobotCanDoTask(String reason) {
		super(reason);
	}

}

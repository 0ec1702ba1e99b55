package io.opencontrol.fleet.robots;

/** The robot exists but its edge gateway has not sent a heartbeat yet. */
public class NoHeartbeatYet extends RuntimeException {

	public NoHeartbeatYet(String robot) {
		super("Robot '" + robot + "' has not sent a heartbeat yet");
	}

}

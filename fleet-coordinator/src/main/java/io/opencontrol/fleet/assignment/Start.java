package io.opencontrol.fleet.assignment;

import java.time.Instant;
import java.util.List;

/**
 * Where, when and with how much charge a robot can begin its next task.
 *
 * @param robotId the robot
 * @param x where it will be
 * @param y where it will be
 * @param at when it will be free
 * @param batteryPct its charge then
 * @param speedMps its travel speed
 * @param capabilities what it can do
 * @param heldTasks how many tasks it holds before this one
 */
public record Start(String robotId, double x, double y, Instant at, double batteryPct, double speedMps,
		List<String> capabilities, int heldTasks) {

	public Start {
		capabilities = List.copyOf(capabilities);
	}

	/** Where the robot is after doing the task scored here, and when. */
	public Start after(TaskSpec task, Score score) {
		return new Start(this.robotId, task.endX(), task.endY(), score.finish(), score.batteryAfterPct(), this.speedMps,
				this.capabilities, this.heldTasks + 1);
	}

}

package io.opencontrol.fleet.assignment;

import java.time.Instant;
import java.util.List;

/**
 * A task as the cost model sees it.
 *
 * @param x where the work is done
 * @param y where the work is done
 * @param dropoffX where its load goes afterwards, or {@code null}
 * @param dropoffY where its load goes afterwards, or {@code null}
 * @param requiredCapabilities what a robot must be able to do
 * @param workS how long the work itself takes
 * @param priority 0 to 10
 * @param deadline when it should be done, or {@code null}
 */
public record TaskSpec(double x, double y, Double dropoffX, Double dropoffY, List<String> requiredCapabilities,
		double workS, int priority, Instant deadline) {

	public TaskSpec {
		requiredCapabilities = List.copyOf(requiredCapabilities);
	}

	/** Metres from where the work is done to the drop-off (0 without one). */
	public double carryM() {
		if (this.dropoffX == null) {
			return 0;
		}
		double dx = this.dropoffX - this.x;
		double dy = this.dropoffY - this.y;
		return Math.sqrt(dx * dx + dy * dy);
	}

	/** Where the robot is when the task is done. */
	public double endX() {
		return (this.dropoffX != null) ? this.dropoffX : this.x;
	}

	/** Where the robot is when the task is done. */
	public double endY() {
		return (this.dropoffY != null) ? this.dropoffY : this.y;
	}

}

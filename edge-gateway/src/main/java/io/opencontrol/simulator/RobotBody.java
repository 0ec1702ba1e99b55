package io.opencontrol.simulator;

/**
 * Where a simulated robot is and how much charge it has: it drives in straight lines on
 * the map, and driving and working use charge.
 */
final class RobotBody {

	private final double speedMps;

	private final SimulatorProperties.Battery battery;

	private double x;

	private double y;

	private double chargePct;

	RobotBody(double x, double y, double chargePct, double speedMps, SimulatorProperties.Battery battery) {
		this.x = x;
		this.y = y;
		this.chargePct = chargePct;
		this.speedMps = speedMps;
		this.battery = battery;
	}

	/** Drives toward the point for the given seconds; true once there. */
	boolean driveToward(double targetX, double targetY, double seconds) {
		double dx = targetX - this.x;
		double dy = targetY - this.y;
		double distance = Math.hypot(dx, dy);
		double step = Math.min(distance, this.speedMps * seconds);
		if (distance > 0) {
			this.x += dx / distance * step;
			this.y += dy / distance * step;
		}
		use(step * this.battery.drainPerMetrePct());
		return step >= distance;
	}

	void work(double seconds) {
		use(seconds * this.battery.drainPerWorkSecondPct());
	}

	/** Charges for the given seconds; true once full enough to work again. */
	boolean charge(double seconds) {
		this.chargePct = Math.min(100, this.chargePct + seconds * this.battery.chargePerSecondPct());
		return this.chargePct >= this.battery.fullPct();
	}

	boolean low() {
		return this.chargePct < this.battery.lowPct();
	}

	double distanceTo(double targetX, double targetY) {
		return Math.hypot(targetX - this.x, targetY - this.y);
	}

	double x() {
		return this.x;
	}

	double y() {
		return this.y;
	}

	double chargePct() {
		return this.chargePct;
	}

	private void use(double pct) {
		this.chargePct = Math.max(0, this.chargePct - pct);
	}

}

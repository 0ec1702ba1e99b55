package io.opencontrol.fleet.assignment;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.opencontrol.fleet.fleets.Fleet;

import org.springframework.stereotype.Component;

/**
 * What it costs a robot to do a task, and whether it can at all: it needs every required
 * capability, and after the task it must still reach the charger nearest to where the
 * task ends with the reserve left. {@link CandidateSearch} evaluates the same formula in
 * PostgreSQL for the request path; this one serves planning.
 */
@Component
public class CostModel {

	private final AssignmentProperties.Weights weights;

	private final AssignmentProperties.Battery battery;

	public CostModel(AssignmentProperties properties) {
		this.weights = properties.weights();
		this.battery = properties.battery();
	}

	/** The robot's score for the task, or {@code null} when it cannot do it. */
	public Score score(Start start, TaskSpec task, double toChargerM, Instant now) {
		if (!start.capabilities().containsAll(task.requiredCapabilities())) {
			return null;
		}
		double waitS = Math.max(0, seconds(now, start.at()));
		double travelM = Math.hypot(start.x() - task.x(), start.y() - task.y()) + task.carryM();
		double travelS = travelM / start.speedMps();
		double energyPct = energyPct(travelM, task.workS());
		double batteryAfter = start.batteryPct() - energyPct;
		if (batteryAfter - toChargerM * this.battery.drainPerMetrePct() < this.battery.reservePct()) {
			return null;
		}
		double busyS = waitS + travelS + task.workS();
		double latenessS = (task.deadline() != null) ? Math.max(0, busyS - seconds(now, task.deadline())) : 0;
		double priorityFactor = 1 + this.weights.priority() * task.priority();
		double busyness = this.weights.busyness() * start.heldTasks();
		double total = (this.weights.time() * busyS + this.weights.lateness() * latenessS) * priorityFactor + busyness
				+ this.weights.energy() * energyPct;
		Instant finish = now.plusNanos(Math.round(busyS * 1e9));
		return new Score(waitS, travelS, task.workS(), latenessS, priorityFactor, busyness, energyPct, batteryAfter,
				total, finish);
	}

	/**
	 * The least any robot could score for the task if it is free {@code distanceM} or
	 * more away from it and no faster than {@code fastestMps}: as if it were free now,
	 * idle and at exactly that distance. Every term of {@link #score} only grows with
	 * distance, wait and held tasks, so no robot further away can score below it.
	 */
	public double lowerBound(TaskSpec task, double distanceM, double fastestMps, Instant now) {
		double travelM = distanceM + task.carryM();
		double busyS = travelM / fastestMps + task.workS();
		double latenessS = (task.deadline() != null) ? Math.max(0, busyS - seconds(now, task.deadline())) : 0;
		double priorityFactor = 1 + this.weights.priority() * task.priority();
		return (this.weights.time() * busyS + this.weights.lateness() * latenessS) * priorityFactor
				+ this.weights.energy() * energyPct(travelM, task.workS());
	}

	/** Charge used to travel so far and work so long. */
	public double energyPct(double travelM, double workS) {
		return travelM * this.battery.drainPerMetrePct() + workS * this.battery.drainPerWorkSecondPct();
	}

	/** Charge used to travel so far. */
	public double travelEnergyPct(double metres) {
		return metres * this.battery.drainPerMetrePct();
	}

	public double reservePct() {
		return this.battery.reservePct();
	}

	/** Metres from the point to the fleet's nearest charger (0 if it has none). */
	public static double toNearestCharger(Fleet fleet, double x, double y) {
		List<Fleet.Charger> chargers = fleet.chargers();
		return chargers.stream().mapToDouble((c) -> Math.hypot(c.x() - x, c.y() - y)).min().orElse(0);
	}

	static double seconds(Instant from, Instant to) {
		return Duration.between(from, to).toNanos() / 1e9;
	}

}

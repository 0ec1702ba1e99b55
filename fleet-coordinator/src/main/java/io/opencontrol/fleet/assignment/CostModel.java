package io.opencontrol.fleet.assignment;

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
		double total = total(start, task, toChargerM, now);
		if (total == Double.POSITIVE_INFINITY) {
			return null;
		}
		double waitS = waitS(start, now);
		double travelM = travelM(start, task);
		double travelS = travelM / start.speedMps();
		double energyPct = energyPct(travelM, task.workS());
		double busyS = waitS + travelS + task.workS();
		Instant finish = now.plusNanos(Math.round(busyS * 1e9));
		return new Score(waitS, travelS, task.workS(), latenessS(task, busyS, now), priorityFactor(task),
				this.weights.busyness() * start.heldTasks(), energyPct, start.batteryPct() - energyPct, total, finish);
	}

	/**
	 * The robot's total for the task, or positive infinity when it cannot do it: what
	 * {@link #score} totals, without the breakdown, for planning's millions of
	 * evaluations.
	 */
	public double total(Start start, TaskSpec task, double toChargerM, Instant now) {
		if (!start.capabilities().containsAll(task.requiredCapabilities())) {
			return Double.POSITIVE_INFINITY;
		}
		double travelM = travelM(start, task);
		double energyPct = energyPct(travelM, task.workS());
		double batteryAfter = start.batteryPct() - energyPct;
		if (batteryAfter - toChargerM * this.battery.drainPerMetrePct() < this.battery.reservePct()) {
			return Double.POSITIVE_INFINITY;
		}
		double busyS = waitS(start, now) + travelM / start.speedMps() + task.workS();
		return (this.weights.time() * busyS + this.weights.lateness() * latenessS(task, busyS, now))
				* priorityFactor(task) + this.weights.busyness() * start.heldTasks()
				+ this.weights.energy() * energyPct;
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
		return (this.weights.time() * busyS + this.weights.lateness() * latenessS(task, busyS, now))
				* priorityFactor(task) + this.weights.energy() * energyPct(travelM, task.workS());
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

	private static double waitS(Start start, Instant now) {
		return Math.max(0, seconds(now, start.at()));
	}

	/**
	 * Metres to the task and on to its drop-off, the way {@link CandidateSearch} measures
	 * them in PostgreSQL.
	 */
	private static double travelM(Start start, TaskSpec task) {
		double dx = start.x() - task.x();
		double dy = start.y() - task.y();
		return Math.sqrt(dx * dx + dy * dy) + task.carryM();
	}

	private static double latenessS(TaskSpec task, double busyS, Instant now) {
		return (task.deadline() != null) ? Math.max(0, busyS - seconds(now, task.deadline())) : 0;
	}

	private double priorityFactor(TaskSpec task) {
		return 1 + this.weights.priority() * task.priority();
	}

	static double seconds(Instant from, Instant to) {
		return (to.getEpochSecond() - from.getEpochSecond()) + (to.getNano() - from.getNano()) / 1e9;
	}

}

package io.opencontrol.fleet.assignment;

import java.util.Locale;

import io.opencontrol.fleet.fleets.Fleet;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Tells a task no robot can take yet (queued) from one no robot could ever take
 * ({@link NoRobotCanDoTask}): the fleet has no robots, none has the capabilities, or even
 * a full battery starting from the charger nearest to the task cannot do it and keep the
 * reserve.
 */
@Component
class Feasibility {

	private final JdbcClient jdbc;

	private final CostModel cost;

	Feasibility(JdbcClient jdbc, CostModel cost) {
		this.jdbc = jdbc;
		this.cost = cost;
	}

	void requirePossible(Fleet fleet, TaskSpec task, double toChargerM) {
		Counts counts = this.jdbc.sql(
				"select count(*), count(*) filter (where capabilities @> cast(? as text[])) from robot where fleet_id = ?")
			.params(task.requiredCapabilities().toArray(String[]::new), fleet.id())
			.query((rs, row) -> new Counts(rs.getLong(1), rs.getLong(2)))
			.single();
		if (counts.robots() == 0) {
			throw new NoRobotCanDoTask("Fleet '" + fleet.id() + "' has no robots");
		}
		if (counts.capable() == 0) {
			throw new NoRobotCanDoTask(
					"No robot of fleet '" + fleet.id() + "' has the capabilities " + task.requiredCapabilities());
		}
		double fromChargerM = CostModel.toNearestCharger(fleet, task.x(), task.y());
		double needed = this.cost.energyPct(fromChargerM + task.carryM(), task.workS())
				+ this.cost.travelEnergyPct(toChargerM);
		if (100 - needed < this.cost.reservePct()) {
			throw new NoRobotCanDoTask(String.format(Locale.ROOT,
					"The task needs %.1f%% of a battery from and back to a charger, more than a full battery "
							+ "holds above the %.1f%% reserve",
					needed, this.cost.reservePct()));
		}
	}

	private record Counts(long robots, long capable) {
	}

}

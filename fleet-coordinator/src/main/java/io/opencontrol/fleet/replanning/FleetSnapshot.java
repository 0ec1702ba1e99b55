package io.opencontrol.fleet.replanning;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.opencontrol.fleet.assignment.Start;
import io.opencontrol.fleet.assignment.TaskSpec;
import io.opencontrol.fleet.fleets.Fleet;

/**
 * What planning reads of one fleet, in one consistent snapshot.
 *
 * @param fleet the fleet and its chargers
 * @param now the database's time of the snapshot
 * @param robots the robots that are not offline, by id
 * @param unstarted the queued and assigned tasks to plan, highest priority and oldest
 * first
 */
record FleetSnapshot(Fleet fleet, Instant now, Map<String, PlannedRobot> robots, List<UnstartedTask> unstarted) {

	/**
	 * A robot as planning sees it.
	 *
	 * @param base where, when and with what charge it is free after its started tasks
	 * (and any assigned tasks beyond the planned batch)
	 * @param slots how many more tasks it may hold after those
	 * @param rowVersion the version of its row that was read: a plan that rewrites the
	 * robot's schedule is only applied while it is unchanged
	 */
	record PlannedRobot(Start base, int slots, String rowVersion) {
	}

	/**
	 * A task that has not started.
	 *
	 * @param robot the robot it is assigned to, or {@code null} while queued
	 * @param eta its current estimated completion, or {@code null}
	 * @param rowVersion the version of its row that was read
	 */
	record UnstartedTask(UUID id, TaskSpec spec, String robot, Instant eta, String rowVersion) {
	}

}

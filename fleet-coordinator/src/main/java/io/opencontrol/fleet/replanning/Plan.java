package io.opencontrol.fleet.replanning;

import java.util.Map;
import java.util.UUID;

import io.opencontrol.fleet.assignment.Score;
import io.opencontrol.fleet.assignment.Start;

/**
 * Where each planned task goes, and where each robot ends up.
 *
 * @param placements the robot and score of each placed task; a task of the batch that is
 * missing stays (or becomes) queued
 * @param ends each robot's state after its planned tasks
 * @param cost the total cost, with a penalty for each task left queued
 */
record Plan(Map<UUID, Placement> placements, Map<String, Start> ends, double cost) {

	/** A task's robot and its score there. */
	record Placement(String robot, Score score) {
	}

}

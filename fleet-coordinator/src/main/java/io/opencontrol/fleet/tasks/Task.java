package io.opencontrol.fleet.tasks;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A piece of work for one robot of a fleet.
 *
 * @param id its id
 * @param fleet the fleet it belongs to
 * @param type what kind of work
 * @param priority 0 (lowest) to 10
 * @param x where it is done, metres on the fleet's map
 * @param y where it is done, metres on the fleet's map
 * @param dropoffX where its load goes, or {@code null}
 * @param dropoffY where its load goes, or {@code null}
 * @param requiredCapabilities what a robot needs to do it
 * @param estimatedDurationS how long the work itself takes
 * @param deadline when it should be done, or {@code null}
 * @param status queued, assigned, in_progress, completed, failed or cancelled
 * @param robotId the robot it is assigned to, or {@code null}
 * @param eta when the assigned robot should finish, or {@code null}
 */
public record Task(UUID id, String fleet, String type, int priority, double x, double y, Double dropoffX,
		Double dropoffY, List<String> requiredCapabilities, double estimatedDurationS, Instant deadline, String status,
		String robotId, Instant eta) {

	public Task {
		requiredCapabilities = List.copyOf(requiredCapabilities);
	}

}

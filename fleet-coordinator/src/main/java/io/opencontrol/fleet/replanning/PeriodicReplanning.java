package io.opencontrol.fleet.replanning;

import io.opencontrol.fleet.assignment.AssignmentProperties;
import io.opencontrol.platform.scheduling.FixedDelayTask;

import org.springframework.stereotype.Component;

/**
 * Re-plans every fleet with unstarted tasks at the configured interval, so queued tasks
 * are placed and plans improve even when nothing announces a change (a robot charging,
 * estimates drifting).
 */
@Component
class PeriodicReplanning extends FixedDelayTask {

	PeriodicReplanning(Replanner replanner, ReplanRequests requests, AssignmentProperties properties) {
		super("periodic-replanning", properties.replanning().interval(), properties.replanning().interval(),
				() -> replanner.fleetsWithUnstartedTasks().forEach(requests::request));
	}

}

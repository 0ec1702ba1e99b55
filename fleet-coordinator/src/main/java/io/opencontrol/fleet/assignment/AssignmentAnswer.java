package io.opencontrol.fleet.assignment;

import java.time.Instant;
import java.util.UUID;

/**
 * What {@code POST /assign_task} answers: the robot chosen, when it should be done and
 * why (the score); or, with status {@code queued}, that no robot can take the task now
 * and it will be assigned when one can.
 */
public record AssignmentAnswer(UUID taskId, String status, String robotId, Instant estimatedCompletion, Score score) {

	public boolean queued() {
		return "queued".equals(this.status);
	}

}

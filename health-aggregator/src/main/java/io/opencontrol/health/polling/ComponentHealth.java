package io.opencontrol.health.polling;

import java.time.Instant;

/**
 * The last poll of one component.
 *
 * @param status what the poll found
 * @param checkedAt when it was polled
 * @param latencyMs how long the poll took, in milliseconds
 * @param reason why it is not up, or {@code null}
 */
public record ComponentHealth(ComponentStatus status, Instant checkedAt, Long latencyMs, String reason) {

	static ComponentHealth unknown() {
		return new ComponentHealth(ComponentStatus.UNKNOWN, null, null, "not polled yet");
	}

}

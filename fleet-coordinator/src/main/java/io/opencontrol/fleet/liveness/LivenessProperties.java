package io.opencontrol.fleet.liveness;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * When a robot counts as gone.
 *
 * @param heartbeatTimeout a robot not heard from for this long goes offline
 * @param checkInterval how often robots are checked
 */
@ConfigurationProperties("opencontrol.fleet.liveness")
public record LivenessProperties(@DefaultValue("15s") Duration heartbeatTimeout,
		@DefaultValue("2s") Duration checkInterval) {

	public LivenessProperties {
		if (heartbeatTimeout.isNegative() || heartbeatTimeout.isZero() || checkInterval.isNegative()
				|| checkInterval.isZero()) {
			throw new IllegalArgumentException("opencontrol.fleet.liveness.heartbeat-timeout (" + heartbeatTimeout
					+ ") and check-interval (" + checkInterval + ") must be positive");
		}
	}

}

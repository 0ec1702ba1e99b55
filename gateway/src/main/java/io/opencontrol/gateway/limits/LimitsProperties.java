package io.opencontrol.gateway.limits;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Per-request and per-caller limits of the gateway.
 *
 * @param maxRequestSize the largest request body accepted (binary tensors included)
 * @param requestsPerSecond the sustained rate one principal may send
 * @param burst how many requests one principal may send at once above that rate
 * @param trackedCallers how many callers' budgets are kept; the least recently seen are
 * forgotten
 */
@ConfigurationProperties("opencontrol.gateway.limits")
public record LimitsProperties(@DefaultValue("16MB") DataSize maxRequestSize,
		@DefaultValue("50") double requestsPerSecond, @DefaultValue("100") int burst,
		@DefaultValue("100000") int trackedCallers) {

	public LimitsProperties {
		if (maxRequestSize.toBytes() <= 0) {
			throw new IllegalArgumentException(
					"opencontrol.gateway.limits.max-request-size must be positive, was " + maxRequestSize);
		}
		if (requestsPerSecond <= 0 || burst < 1 || trackedCallers < 1) {
			throw new IllegalArgumentException("opencontrol.gateway.limits: requests-per-second (" + requestsPerSecond
					+ "), burst (" + burst + ") and tracked-callers (" + trackedCallers + ") must be positive");
		}
	}

}

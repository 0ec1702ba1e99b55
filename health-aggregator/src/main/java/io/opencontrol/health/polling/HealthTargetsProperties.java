package io.opencontrol.health.polling;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The components the aggregator polls. Targets come only from configuration, never from a
 * caller.
 *
 * @param pollInterval the pause between two polls of every target
 * @param targets the components by name (as they appear in {@code GET /health})
 */
@ConfigurationProperties("opencontrol.health")
public record HealthTargetsProperties(@DefaultValue("5s") Duration pollInterval, Map<String, Target> targets) {

	public HealthTargetsProperties {
		if (pollInterval.isNegative() || pollInterval.isZero()) {
			throw new IllegalArgumentException(
					"opencontrol.health.poll-interval must be positive, was " + pollInterval);
		}
		targets = (targets != null) ? Map.copyOf(targets) : Map.of();
		if (targets.isEmpty()) {
			throw new IllegalArgumentException("opencontrol.health.targets must name at least one component");
		}
	}

	/**
	 * One polled component.
	 *
	 * @param url its health endpoint: 2xx is UP, anything else or no answer is DOWN
	 * @param timeout how long one poll may take
	 * @param critical whether the fleet is DOWN (not only DEGRADED) while this component
	 * is
	 */
	public record Target(URI url, @DefaultValue("2s") Duration timeout, @DefaultValue("false") boolean critical) {

		public Target {
			if (url == null || !url.isAbsolute()) {
				throw new IllegalArgumentException("a health target url must be absolute, was " + url);
			}
			if (timeout.isNegative() || timeout.isZero()) {
				throw new IllegalArgumentException("a health target timeout must be positive, was " + timeout);
			}
		}

	}

}

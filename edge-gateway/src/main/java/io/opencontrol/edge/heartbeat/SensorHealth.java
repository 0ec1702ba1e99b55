package io.opencontrol.edge.heartbeat;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The health of the robot's sensors as its software last reported it. A sensor never
 * reported, or not reported within the timeout, is failed: silence from a feed is what a
 * broken camera looks like.
 */
public class SensorHealth {

	private final List<String> sensors;

	private final HeartbeatProperties properties;

	private final Clock clock;

	private final Map<String, Reported> reports = new ConcurrentHashMap<>();

	SensorHealth(HeartbeatProperties properties, Clock clock) {
		this.sensors = properties.sensors();
		this.properties = properties;
		this.clock = clock;
	}

	/** Records what the robot says about one sensor: ok, degraded or failed. */
	public Sensor report(String sensor, String status) {
		if (!this.sensors.contains(sensor)) {
			throw new UnknownSensor(sensor, this.sensors);
		}
		Reported reported = new Reported(status, this.clock.instant());
		this.reports.put(sensor, reported);
		return new Sensor(status, reported.at());
	}

	/** Every configured sensor's health now, in configuration order. */
	public Map<String, Sensor> now() {
		Instant now = this.clock.instant();
		Map<String, Sensor> all = new LinkedHashMap<>();
		for (String sensor : this.sensors) {
			Reported reported = this.reports.get(sensor);
			if (reported == null) {
				all.put(sensor, new Sensor("failed", null));
			}
			else if (reported.at().plus(this.properties.sensorTimeout()).isBefore(now)) {
				all.put(sensor, new Sensor("failed", reported.at()));
			}
			else {
				all.put(sensor, new Sensor(reported.status(), reported.at()));
			}
		}
		return all;
	}

	/**
	 * @param status ok, degraded or failed
	 * @param reportedAt when the robot last reported it, null if never
	 */
	public record Sensor(String status, Instant reportedAt) {
	}

	private record Reported(String status, Instant at) {
	}

}

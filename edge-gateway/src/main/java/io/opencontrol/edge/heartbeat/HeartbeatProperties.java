package io.opencontrol.edge.heartbeat;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The robot's heartbeats to the fleet-coordinator and the sensors they report on.
 *
 * @param interval how often a heartbeat is sent (well inside the coordinator's liveness
 * timeout, 15 s by default)
 * @param sensors the robot's sensors, whose health its software reports to the local API
 * @param sensorTimeout a sensor not reported within this time counts as failed: a feed
 * that went silent is not healthy
 * @param timeout how long one heartbeat request may take
 */
@ConfigurationProperties("opencontrol.edge.heartbeat")
public record HeartbeatProperties(@DefaultValue("3s") Duration interval, @DefaultValue( {
		"camera_feed", "force_sensor" }) List<String> sensors, @DefaultValue("10s") Duration sensorTimeout,
		@DefaultValue("2s") Duration timeout){

	public HeartbeatProperties {
		sensors = List.copyOf(sensors);
		if (sensors.size() > 20) {
			throw new IllegalArgumentException(
					"opencontrol.edge.heartbeat.sensors: the coordinator takes at most 20 sensors, not "
							+ sensors.size());
		}
	}

}

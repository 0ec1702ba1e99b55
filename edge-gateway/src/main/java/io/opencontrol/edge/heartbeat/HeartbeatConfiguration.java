package io.opencontrol.edge.heartbeat;

import java.time.Clock;
import java.time.Duration;

import io.opencontrol.edge.cloud.Cloud;
import io.opencontrol.edge.inference.InferenceStatus;
import io.opencontrol.edge.journal.Journal;
import io.opencontrol.platform.scheduling.FixedDelayTask;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Sensor health from the robot's software, and the heartbeats that carry it. */
@Configuration(proxyBeanMethods = false)
class HeartbeatConfiguration {

	@Bean
	SensorHealth sensorHealth(HeartbeatProperties properties) {
		return new SensorHealth(properties, Clock.systemUTC());
	}

	@Bean
	Heartbeats heartbeats(Cloud cloud, SensorHealth sensors, InferenceStatus inference, Journal journal,
			HeartbeatProperties properties, JsonMapper json) {
		return new Heartbeats(cloud, sensors, inference, journal, properties, json);
	}

	@Bean
	FixedDelayTask heartbeatTask(Heartbeats heartbeats, HeartbeatProperties properties) {
		return new FixedDelayTask("heartbeat", Duration.ZERO, properties.interval(), heartbeats::send);
	}

}

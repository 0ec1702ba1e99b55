package io.opencontrol.fleet.assignment;

import java.time.Duration;

import io.opencontrol.platform.scheduling.FixedDelayTask;

import org.springframework.jdbc.core.simple.JdbcClient;

import org.springframework.stereotype.Component;

/**
 * Forgets answers kept for idempotent repetition, and fleet events, once they are older
 * than their retention.
 */
@Component
class Housekeeping extends FixedDelayTask {

	Housekeeping(IdempotentRequests idempotent, AssignmentProperties properties, JdbcClient jdbc) {
		super("assignment-housekeeping", Duration.ofMinutes(10), () -> {
			idempotent.forgetOlderThan(properties.idempotencyRetention());
			jdbc.sql("delete from fleet_event where created_at < now() - make_interval(secs => ?)")
				.param(properties.eventRetention().toMillis() / 1000.0)
				.update();
		});
	}

}

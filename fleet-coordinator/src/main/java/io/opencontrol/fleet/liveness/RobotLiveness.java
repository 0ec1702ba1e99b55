package io.opencontrol.fleet.liveness;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.opencontrol.platform.scheduling.FixedDelayTask;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Marks robots offline whose last report is older than the heartbeat timeout. One
 * statement does it, so several coordinator replicas may run it at once. (Moving an
 * offline robot's unstarted tasks to other robots belongs to assignment, which is not
 * built yet.)
 */
@Component
class RobotLiveness extends FixedDelayTask {

	RobotLiveness(JdbcClient jdbc, LivenessProperties properties, MeterRegistry meters) {
		super("robot-liveness", properties.checkInterval(), staleRobotsGoOffline(jdbc, properties, meters));
	}

	private static Runnable staleRobotsGoOffline(JdbcClient jdbc, LivenessProperties properties, MeterRegistry meters) {
		Counter wentOffline = Counter.builder("opencontrol.robots.went.offline")
			.description("Robots marked offline because their heartbeat went stale")
			.register(meters);
		return () -> {
			// The database's clock, the one last_seen is written with, so replicas agree.
			int stale = jdbc.sql("""
					update robot set status = 'offline', updated_at = now()
					where status <> 'offline'
					and coalesce(last_seen, created_at) < now() - make_interval(secs => ?)""")
				.param(properties.heartbeatTimeout().toMillis() / 1000.0)
				.update();
			wentOffline.increment(stale);
		};
	}

}

package io.opencontrol.fleet.liveness;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Marks robots offline whose last report is older than the heartbeat timeout. One
 * statement does it, so several coordinator replicas may run it at once. (Moving an
 * offline robot's unstarted tasks to other robots belongs to assignment, which is not
 * built yet.)
 */
@Component
class RobotLiveness implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(RobotLiveness.class);

	private final JdbcClient jdbc;

	private final LivenessProperties properties;

	private final Counter wentOffline;

	private ScheduledExecutorService scheduler;

	RobotLiveness(JdbcClient jdbc, LivenessProperties properties, MeterRegistry meters) {
		this.jdbc = jdbc;
		this.properties = properties;
		this.wentOffline = Counter.builder("opencontrol.robots.went.offline")
			.description("Robots marked offline because their heartbeat went stale")
			.register(meters);
	}

	int markStaleRobotsOffline() {
		// The database's clock, the one last_seen is written with, so replicas agree.
		int stale = this.jdbc.sql("""
				update robot set status = 'offline', updated_at = now()
				where status <> 'offline'
				and coalesce(last_seen, created_at) < now() - make_interval(secs => ?)""")
			.param(this.properties.heartbeatTimeout().toMillis() / 1000.0)
			.update();
		this.wentOffline.increment(stale);
		return stale;
	}

	private void check() {
		try {
			markStaleRobotsOffline();
		}
		catch (RuntimeException ex) {
			// The next check retries; a robot stays online a little longer meanwhile.
			logger.warn("Robot liveness check failed: " + ex.getMessage());
		}
	}

	@Override
	public synchronized void start() {
		this.scheduler = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "robot-liveness");
			thread.setDaemon(true);
			return thread;
		});
		long interval = this.properties.checkInterval().toMillis();
		this.scheduler.scheduleWithFixedDelay(this::check, interval, interval, TimeUnit.MILLISECONDS);
	}

	@Override
	public synchronized void stop() {
		if (this.scheduler != null) {
			this.scheduler.shutdownNow();
			this.scheduler = null;
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return this.scheduler != null;
	}

}

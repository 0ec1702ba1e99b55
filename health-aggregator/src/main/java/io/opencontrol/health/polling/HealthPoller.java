package io.opencontrol.health.polling;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Polls every target on its own schedule, so one slow component never delays the others.
 */
@Component
class HealthPoller implements SmartLifecycle {

	private final HealthTargetsProperties properties;

	private final HealthProbe probe;

	private final FleetHealth health;

	private ScheduledExecutorService scheduler;

	HealthPoller(HealthTargetsProperties properties, HealthProbe probe, FleetHealth health) {
		this.properties = properties;
		this.probe = probe;
		this.health = health;
	}

	@Override
	public synchronized void start() {
		AtomicInteger threads = new AtomicInteger();
		this.scheduler = Executors.newScheduledThreadPool(this.properties.targets().size(), (task) -> {
			Thread thread = new Thread(task, "health-poll-" + threads.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
		long interval = this.properties.pollInterval().toMillis();
		this.properties.targets()
			.forEach((name, target) -> this.scheduler.scheduleWithFixedDelay(
					() -> this.health.record(name, this.probe.probe(target)), 0, interval, TimeUnit.MILLISECONDS));
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

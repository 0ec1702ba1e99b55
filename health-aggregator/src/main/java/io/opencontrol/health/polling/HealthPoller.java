package io.opencontrol.health.polling;

import java.time.Duration;
import java.util.List;

import io.opencontrol.platform.scheduling.FixedDelayTask;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Polls every target on its own schedule and thread, so one slow component never delays
 * the others; the first poll runs at start so the view is not UNKNOWN for a whole
 * interval.
 */
@Component
class HealthPoller implements SmartLifecycle {

	private final List<FixedDelayTask> polls;

	HealthPoller(HealthTargetsProperties properties, HealthProbe probe, FleetHealth health) {
		this.polls = properties.targets()
			.entrySet()
			.stream()
			.map((target) -> new FixedDelayTask("health-poll-" + target.getKey(), Duration.ZERO,
					properties.pollInterval(), () -> health.record(target.getKey(), probe.probe(target.getValue()))))
			.toList();
	}

	@Override
	public void start() {
		this.polls.forEach(FixedDelayTask::start);
	}

	@Override
	public void stop() {
		this.polls.forEach(FixedDelayTask::stop);
	}

	@Override
	public boolean isRunning() {
		return this.polls.stream().anyMatch(FixedDelayTask::isRunning);
	}

}

package io.opencontrol.platform.scheduling;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Runs one piece of housekeeping with a fixed delay on its own named daemon thread, from
 * context start to context stop. A failing run is logged and the next one retries, so one
 * bad run never stops the schedule.
 */
public class FixedDelayTask implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(FixedDelayTask.class);

	private final String name;

	private final Duration initialDelay;

	private final Duration delay;

	private final Runnable task;

	private ScheduledExecutorService scheduler;

	/** First run one delay after start. */
	public FixedDelayTask(String name, Duration delay, Runnable task) {
		this(name, delay, delay, task);
	}

	public FixedDelayTask(String name, Duration initialDelay, Duration delay, Runnable task) {
		if (delay.isNegative() || delay.isZero() || initialDelay.isNegative()) {
			throw new IllegalArgumentException("The delays of " + name
					+ " must be positive (the first may be zero), were " + initialDelay + " and " + delay);
		}
		this.name = name;
		this.initialDelay = initialDelay;
		this.delay = delay;
		this.task = task;
	}

	@Override
	public synchronized void start() {
		this.scheduler = Executors.newSingleThreadScheduledExecutor((runnable) -> {
			Thread thread = new Thread(runnable, this.name);
			thread.setDaemon(true);
			return thread;
		});
		this.scheduler.scheduleWithFixedDelay(this::runOnce, this.initialDelay.toMillis(), this.delay.toMillis(),
				TimeUnit.MILLISECONDS);
	}

	private void runOnce() {
		try {
			this.task.run();
		}
		catch (RuntimeException ex) {
			logger.warn(this.name + " failed; retrying in " + this.delay + ": " + ex.getMessage());
		}
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

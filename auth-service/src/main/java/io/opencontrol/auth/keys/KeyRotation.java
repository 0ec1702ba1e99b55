package io.opencontrol.auth.keys;

import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.opencontrol.auth.server.AuthProperties;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Checks the rotation schedule every {@code check-interval} and reloads the published
 * keys.
 */
@Component
@EnableConfigurationProperties(KeyRotationProperties.class)
class KeyRotation implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(KeyRotation.class);

	private final SigningKeyStore store;

	private final SigningKeys keys;

	private final KeyRotationProperties schedule;

	private final Clock clock;

	private ScheduledExecutorService scheduler;

	KeyRotation(SigningKeyStore store, SigningKeys keys, KeyRotationProperties schedule, AuthProperties auth,
			Clock clock) {
		if (schedule.retention().compareTo(auth.accessTokenTimeToLive()) < 0) {
			throw new IllegalArgumentException("opencontrol.auth.keys.retention (" + schedule.retention()
					+ ") must be at least the access-token lifetime (" + auth.accessTokenTimeToLive()
					+ "), or tokens would outlive the key that verifies them");
		}
		this.store = store;
		this.keys = keys;
		this.schedule = schedule;
		this.clock = clock;
	}

	void check() {
		try {
			this.store.rotate(this.clock.instant(), this.schedule);
			this.keys.reload();
		}
		catch (RuntimeException ex) {
			// The next check retries; until then the keys already loaded keep signing.
			logger.error("Signing key rotation check failed", ex);
		}
	}

	@Override
	public synchronized void start() {
		this.scheduler = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "signing-key-rotation");
			thread.setDaemon(true);
			return thread;
		});
		long interval = this.schedule.checkInterval().toMillis();
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

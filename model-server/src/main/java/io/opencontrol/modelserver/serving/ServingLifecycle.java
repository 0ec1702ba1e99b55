package io.opencontrol.modelserver.serving;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.opencontrol.modelserver.repository.RepositoryProperties;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationListener;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.stereotype.Component;

/**
 * From start to shutdown: loads the repository in the background (the process is live at
 * once, ready only when every model is warm), follows it every poll interval, and on
 * shutdown reports not ready at once. Its phase puts its stop after the web server's
 * graceful shutdown, so requests in flight are answered by still-running workers before
 * the models are drained and released.
 */
@Component
public class ServingLifecycle implements SmartLifecycle, ApplicationListener<ContextClosedEvent> {

	private static final Logger logger = LoggerFactory.getLogger(ServingLifecycle.class);

	private final RepositorySync sync;

	private final RepositoryProperties properties;

	private volatile boolean closing;

	private ScheduledExecutorService follower;

	public ServingLifecycle(RepositorySync sync, RepositoryProperties properties) {
		this.sync = sync;
		this.properties = properties;
	}

	/** Ready for inference: every configured model is warm and no shutdown has begun. */
	public boolean ready() {
		return !this.closing && this.sync.everyModelWarm();
	}

	/** Shutdown has begun: the web server is draining, the models will follow. */
	public boolean closing() {
		return this.closing;
	}

	@Override
	public void onApplicationEvent(ContextClosedEvent event) {
		this.closing = true;
	}

	@Override
	public synchronized void start() {
		// Before the web server starts: a request for a configured model that is still
		// loading is answered 503 (retry), not 404 (no such model).
		try {
			this.sync.expectAll();
		}
		catch (RuntimeException ex) {
			logger.error("model repository {} could not be read: {}", this.properties.repository(), ex.getMessage());
		}
		this.follower = Executors.newSingleThreadScheduledExecutor((runnable) -> {
			Thread thread = new Thread(runnable, "model-repository");
			thread.setDaemon(true);
			return thread;
		});
		this.follower.scheduleWithFixedDelay(this::follow, 0, this.properties.pollInterval().toMillis(),
				TimeUnit.MILLISECONDS);
	}

	private void follow() {
		try {
			this.sync.syncAll();
		}
		catch (RuntimeException ex) {
			logger.error("model repository {} could not be read; retrying: {}", this.properties.repository(),
					ex.getMessage());
		}
	}

	@Override
	public synchronized void stop() {
		this.closing = true;
		if (this.follower != null) {
			this.follower.shutdownNow();
			this.follower = null;
		}
		this.sync.unloadEverything();
	}

	@Override
	public synchronized boolean isRunning() {
		return this.follower != null;
	}

	/**
	 * Below the web server's phases: started before it, stopped after its graceful
	 * shutdown.
	 */
	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE - 4096;
	}

}

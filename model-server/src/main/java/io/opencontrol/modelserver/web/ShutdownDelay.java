package io.opencontrol.modelserver.web;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The first thing stopped on shutdown: a pause of {@link HttpProperties#shutdownDelay()}
 * while the server still takes requests, so that those already sent reach it before the
 * web server's graceful shutdown closes idle connections. By then readiness is down and
 * every answer closes its connection ({@link ClosingConnections}).
 */
@Component
class ShutdownDelay implements SmartLifecycle {

	private final HttpProperties properties;

	private volatile boolean running;

	ShutdownDelay(HttpProperties properties) {
		this.properties = properties;
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop() {
		try {
			Thread.sleep(this.properties.shutdownDelay().toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/** Above the web server's graceful shutdown, so stopped before it. */
	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE;
	}

}

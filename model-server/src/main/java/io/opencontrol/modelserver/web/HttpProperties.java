package io.opencontrol.modelserver.web;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The HTTP server's own threads ({@code opencontrol.http}).
 *
 * @param eventLoops the event loops that read, parse and answer every request; by default
 * half the cores, at least one. The other half is left to the model's workers: measured
 * back to back with bench/model-server.sh on two cores, one event loop beside one model
 * worker served 7,650 and 7,800 binary requests/s at 32 clients, two loops beside two
 * workers 7,260 and 4,350, the four threads taking turns on the same two cores.
 * @param shutdownDelay how long, once shutdown has begun, the server goes on taking
 * requests (answering each with {@code Connection: close}, readiness already down) before
 * its graceful shutdown stops accepting them: a request a client sent just before the
 * signal may still be on its way, and would otherwise meet a closed connection.
 */
@ConfigurationProperties("opencontrol.http")
public record HttpProperties(Integer eventLoops, @DefaultValue("1s") Duration shutdownDelay) {

	public HttpProperties {
		if (eventLoops == null) {
			eventLoops = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
		}
		else if (eventLoops < 1) {
			throw new IllegalArgumentException("opencontrol.http.event-loops must be at least 1, was " + eventLoops);
		}
	}

}

package io.opencontrol.gateway.routing;

import java.net.URI;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the gateway forwards to. Defaults are the local ports of ARCHITECTURE §1; compose
 * and Kubernetes set them to service names.
 */
@ConfigurationProperties("opencontrol.gateway.backends")
public record Backends(@DefaultValue("http://localhost:9000") URI authService,
		@DefaultValue("http://localhost:8081") URI modelServer,
		@DefaultValue("http://localhost:8082") URI fleetCoordinator,
		@DefaultValue("http://localhost:8083") URI healthAggregator) {

	public Backends {
		requireHttp("auth-service", authService);
		requireHttp("model-server", modelServer);
		requireHttp("fleet-coordinator", fleetCoordinator);
		requireHttp("health-aggregator", healthAggregator);
	}

	private static void requireHttp(String name, URI uri) {
		if (uri == null || uri.getHost() == null
				|| !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
			throw new IllegalArgumentException(
					"opencontrol.gateway.backends." + name + " must be an http(s) URL with a host, was " + uri);
		}
	}

}

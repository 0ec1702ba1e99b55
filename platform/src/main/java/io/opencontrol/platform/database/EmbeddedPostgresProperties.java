package io.opencontrol.platform.database;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the embedded PostgreSQL a service starts when no datasource is configured.
 *
 * @param enabled whether to start one at all when no datasource is configured
 * @param dataDirectory where the cluster lives; kept across restarts
 * @param port the port to listen on, 0 for any free port
 * @param startupTimeout how long to wait for the server to accept connections
 */
@ConfigurationProperties("opencontrol.embedded-postgres")
public record EmbeddedPostgresProperties(@DefaultValue("true") boolean enabled, Path dataDirectory,
		@DefaultValue("0") int port, @DefaultValue("60s") Duration startupTimeout) {

	public EmbeddedPostgresProperties {
		if (dataDirectory == null) {
			throw new IllegalArgumentException("opencontrol.embedded-postgres.data-directory must be set");
		}
		if (port < 0 || port > 65535) {
			throw new IllegalArgumentException(
					"opencontrol.embedded-postgres.port must be between 0 and 65535, was " + port);
		}
		if (startupTimeout.isNegative() || startupTimeout.isZero()) {
			throw new IllegalArgumentException(
					"opencontrol.embedded-postgres.startup-timeout must be positive, was " + startupTimeout);
		}
	}

}

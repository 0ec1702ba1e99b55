package io.opencontrol.modelserver.repository;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Where the model repository is and how the server follows it.
 *
 * @param repository the repository's root directory
 * @param pollInterval how often new and removed versions are picked up
 * @param maxRequestSize the largest request body accepted (413 beyond)
 * @param drainTimeout how long an unloaded or replaced version may take to answer what it
 * has queued
 */
@ConfigurationProperties("opencontrol.models")
public record RepositoryProperties(@DefaultValue("models") Path repository, @DefaultValue("5s") Duration pollInterval,
		@DefaultValue("64MB") DataSize maxRequestSize, @DefaultValue("30s") Duration drainTimeout) {

	public RepositoryProperties {
		repository = repository.toAbsolutePath().normalize();
		if (pollInterval.isNegative() || pollInterval.isZero()) {
			throw new IllegalArgumentException(
					"opencontrol.models.poll-interval must be positive, was " + pollInterval);
		}
		if (drainTimeout.isNegative()) {
			throw new IllegalArgumentException(
					"opencontrol.models.drain-timeout must not be negative, was " + drainTimeout);
		}
		if (maxRequestSize.toBytes() < 1024 || maxRequestSize.toBytes() > Integer.MAX_VALUE) {
			throw new IllegalArgumentException(
					"opencontrol.models.max-request-size must be between 1KB and 2GB, was " + maxRequestSize);
		}
	}

}

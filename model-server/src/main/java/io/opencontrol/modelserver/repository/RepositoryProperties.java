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
 * @param device when set ({@code cpu}, {@code gpu} or {@code gpu:N}), every model is
 * loaded on it instead of on its config's {@code device}: how a deployment puts the same
 * repository on GPU nodes (the k8s {@code gpu} component)
 */
@ConfigurationProperties("opencontrol.models")
public record RepositoryProperties(@DefaultValue("models") Path repository, @DefaultValue("5s") Duration pollInterval,
		@DefaultValue("64MB") DataSize maxRequestSize, @DefaultValue("30s") Duration drainTimeout, String device) {

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
		device = (device == null || device.isBlank()) ? null : device;
		if (device != null && !ModelConfig.isDevice(device)) {
			throw new IllegalArgumentException("opencontrol.models.device must be cpu, gpu or gpu:N, was " + device);
		}
		if (maxRequestSize.toBytes() < 1024 || maxRequestSize.toBytes() > Integer.MAX_VALUE) {
			throw new IllegalArgumentException(
					"opencontrol.models.max-request-size must be between 1KB and 2GB, was " + maxRequestSize);
		}
	}

}

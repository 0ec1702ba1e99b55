package io.opencontrol.health.polling;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FleetHealthTests {

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final FleetHealth health = new FleetHealth(new HealthTargetsProperties(Duration.ofSeconds(1),
			Map.of("fleet_coordinator", target(true), "model_server", target(false))), this.meters);

	@Test
	void isUpOnlyWhenEveryComponentIsUp() {
		this.health.record("fleet_coordinator", up());
		assertThat(this.health.snapshot().status()).isEqualTo(ComponentStatus.DEGRADED);

		this.health.record("model_server", up());
		assertThat(this.health.snapshot().status()).isEqualTo(ComponentStatus.UP);
	}

	@Test
	void isDegradedWhileANonCriticalComponentIsDown() {
		this.health.record("fleet_coordinator", up());
		this.health.record("model_server", down("unreachable"));

		assertThat(this.health.snapshot().status()).isEqualTo(ComponentStatus.DEGRADED);
		assertThat(this.health.snapshot().components().get("model_server").reason()).isEqualTo("unreachable");
	}

	@Test
	void isDownWhileACriticalComponentIsDown() {
		this.health.record("model_server", up());
		this.health.record("fleet_coordinator", down("answered HTTP 503"));

		assertThat(this.health.snapshot().status()).isEqualTo(ComponentStatus.DOWN);
	}

	@Test
	void keepsStatusChangesNewestFirstAndCountsThem() {
		this.health.record("model_server", up());
		this.health.record("model_server", up());
		this.health.record("model_server", down("unreachable"));

		assertThat(this.health.recentChanges()).extracting(StatusChange::to)
			.containsExactly(ComponentStatus.DOWN, ComponentStatus.UP);
		assertThat(
				this.meters.counter("opencontrol.component.status.changes", "component", "model_server", "to", "DOWN")
					.count())
			.isEqualTo(1);
		assertThat(this.meters.get("opencontrol.component.up").tag("component", "model_server").gauge().value())
			.isZero();
	}

	private static HealthTargetsProperties.Target target(boolean critical) {
		return new HealthTargetsProperties.Target(URI.create("http://localhost:1/health"), Duration.ofSeconds(1),
				critical);
	}

	private static ComponentHealth up() {
		return new ComponentHealth(ComponentStatus.UP, Instant.now(), 3L, null);
	}

	private static ComponentHealth down(String reason) {
		return new ComponentHealth(ComponentStatus.DOWN, Instant.now(), 3L, reason);
	}

}

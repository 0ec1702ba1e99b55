package io.opencontrol.modelserver.serving;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Readiness ({@code /actuator/health/readiness}): up only when every configured model is
 * warm.
 */
@Component("models")
class ModelsHealth implements HealthIndicator {

	private final ServingLifecycle lifecycle;

	ModelsHealth(ServingLifecycle lifecycle) {
		this.lifecycle = lifecycle;
	}

	@Override
	public Health health() {
		return this.lifecycle.ready() ? Health.up().build()
				: Health.outOfService().withDetail("reason", "models are loading or the server is stopping").build();
	}

}

package io.opencontrol.health.web;

import java.util.List;

import io.opencontrol.health.polling.ComponentStatus;
import io.opencontrol.health.polling.FleetHealth;
import io.opencontrol.health.polling.StatusChange;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The fleet-wide health view: 200 while UP or DEGRADED, 503 while DOWN, so load balancers
 * and scripts can use the status code alone.
 */
@RestController
class HealthController {

	private final FleetHealth health;

	HealthController(FleetHealth health) {
		this.health = health;
	}

	@GetMapping("/health")
	@PreAuthorize("hasAuthority('PERMISSION_READ')")
	ResponseEntity<FleetHealth.Snapshot> health() {
		FleetHealth.Snapshot snapshot = this.health.snapshot();
		HttpStatus status = (snapshot.status() == ComponentStatus.DOWN) ? HttpStatus.SERVICE_UNAVAILABLE
				: HttpStatus.OK;
		return ResponseEntity.status(status).body(snapshot);
	}

	@GetMapping("/health/changes")
	@PreAuthorize("hasAuthority('PERMISSION_READ')")
	List<StatusChange> changes() {
		return this.health.recentChanges();
	}

}

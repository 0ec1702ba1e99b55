package io.opencontrol.edge.heartbeat;

import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The robot's software says how its sensors are; heartbeats carry it to the cloud. */
@RestController
class SensorController {

	private final SensorHealth sensors;

	SensorController(SensorHealth sensors) {
		this.sensors = sensors;
	}

	@GetMapping("/sensors")
	Map<String, SensorHealth.Sensor> sensors() {
		return this.sensors.now();
	}

	@PutMapping("/sensors/{sensor}")
	SensorHealth.Sensor report(@PathVariable String sensor, @Valid @RequestBody Report report) {
		return this.sensors.report(sensor, report.status());
	}

	record Report(@NotNull @Pattern(regexp = "^(ok|degraded|failed)$") String status) {
	}

}

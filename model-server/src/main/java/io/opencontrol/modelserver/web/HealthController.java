package io.opencontrol.modelserver.web;

import java.util.Map;

import io.opencontrol.modelserver.serving.ServingLifecycle;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The original design's {@code GET /health}; its {@code POST /predict} is answered by
 * {@link InferenceRoutes}.
 */
@RestController
class HealthController {

	private final ServingLifecycle lifecycle;

	HealthController(ServingLifecycle lifecycle) {
		this.lifecycle = lifecycle;
	}

	@GetMapping("/health")
	ResponseEntity<Map<String, Object>> health() {
		boolean ready = this.lifecycle.ready();
		return ResponseEntity.status(ready ? 200 : 503)
			.body(Map.of("status", ready ? "healthy" : "unhealthy", "model_loaded", ready));
	}

}

package io.opencontrol.modelserver.web;

import java.util.List;
import java.util.Map;
import java.util.NavigableMap;

import io.opencontrol.modelserver.batching.ModelPool;
import io.opencontrol.modelserver.repository.ModelConfig;
import io.opencontrol.modelserver.serving.ModelNotFound;
import io.opencontrol.modelserver.serving.ModelNotReady;
import io.opencontrol.modelserver.serving.ModelRegistry;
import io.opencontrol.modelserver.serving.ServingLifecycle;
import io.opencontrol.modelserver.tensor.TensorSpec;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The Open Inference Protocol v2 REST API's health and metadata routes, every model route
 * with and without {@code /versions/{version}}. Inference itself is answered by
 * {@link InferenceRoutes}.
 */
@RestController
class OipController {

	static final String SERVER_NAME = "opencontrol-model-server";

	private final ModelRegistry registry;

	private final ServingLifecycle lifecycle;

	OipController(ModelRegistry registry, ServingLifecycle lifecycle) {
		this.registry = registry;
		this.lifecycle = lifecycle;
	}

	@GetMapping({ "/v2", "/v2/" })
	Map<String, Object> server() {
		return Map.of("name", SERVER_NAME, "version", "0.1.0", "extensions",
				List.of("binary_tensor_data", "model_repository"));
	}

	@GetMapping("/v2/health/live")
	ResponseEntity<Void> live() {
		return ResponseEntity.ok().build();
	}

	@GetMapping("/v2/health/ready")
	ResponseEntity<Void> ready() {
		return ResponseEntity.status(this.lifecycle.ready() ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).build();
	}

	@GetMapping({ "/v2/models/{model}", "/v2/models/{model}/versions/{version}" })
	Map<String, Object> metadata(@PathVariable String model, @PathVariable(required = false) String version) {
		ModelConfig config = this.registry.resolve(model, version).config();
		NavigableMap<Long, ModelPool> versions = this.registry.versions(model)
			.orElseThrow(() -> new ModelNotFound(model));
		List<String> names = (version != null) ? List.of(version)
				: versions.keySet().stream().map(String::valueOf).toList();
		return Map.of("name", model, "versions", names, "platform", platform(config), "inputs",
				tensors(config.inputs()), "outputs", tensors(config.outputs()));
	}

	@GetMapping({ "/v2/models/{model}/ready", "/v2/models/{model}/versions/{version}/ready" })
	ResponseEntity<Map<String, Object>> modelReady(@PathVariable String model,
			@PathVariable(required = false) String version) {
		try {
			this.registry.resolve(model, version);
			return ResponseEntity.ok(Map.of("name", model, "ready", true));
		}
		catch (ModelNotReady ex) {
			// The status is what probes read; the body keeps the OIP shape.
			return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(Map.of("name", model, "ready", false));
		}
	}

	static String platform(ModelConfig config) {
		return switch (config.engine()) {
			case PYTORCH -> "pytorch_torchscript";
			case ONNX_RUNTIME -> "onnxruntime_onnx";
		};
	}

	private static List<Map<String, Object>> tensors(List<TensorSpec> specs) {
		return specs.stream()
			.map((spec) -> Map.<String, Object>of("name", spec.name(), "datatype", spec.datatype().name(), "shape",
					spec.shape().dims()))
			.toList();
	}

}

package io.opencontrol.modelserver.web;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;

import io.opencontrol.modelserver.batching.ModelPool;
import io.opencontrol.modelserver.inference.Inference;
import io.opencontrol.modelserver.inference.InferenceAnswer;
import io.opencontrol.modelserver.inference.InferenceCall;
import io.opencontrol.modelserver.inference.InvalidInput;
import io.opencontrol.modelserver.repository.ModelConfig;
import io.opencontrol.modelserver.repository.RepositoryProperties;
import io.opencontrol.modelserver.serving.ModelNotFound;
import io.opencontrol.modelserver.serving.ModelRegistry;
import io.opencontrol.modelserver.serving.ServingLifecycle;
import io.opencontrol.modelserver.tensor.TensorSpec;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The Open Inference Protocol v2 REST API: server and model health and metadata, and
 * inference with JSON tensors or the binary tensor data extension; every model route with
 * and without {@code /versions/{version}}.
 */
@RestController
class OipController {

	static final String SERVER_NAME = "opencontrol-model-server";

	private final ModelRegistry registry;

	private final Inference inference;

	private final ServingLifecycle lifecycle;

	private final long maxBytes;

	OipController(ModelRegistry registry, Inference inference, ServingLifecycle lifecycle,
			RepositoryProperties properties) {
		this.registry = registry;
		this.inference = inference;
		this.lifecycle = lifecycle;
		this.maxBytes = properties.maxRequestSize().toBytes();
	}

	@GetMapping({ "/v2", "/v2/" })
	@PreAuthorize("hasAuthority('PERMISSION_READ')")
	Map<String, Object> server() {
		return Map.of("name", SERVER_NAME, "version", "0.1.0", "extensions",
				List.of("binary_tensor_data", "model_repository"));
	}

	@GetMapping("/v2/health/live")
	@PreAuthorize("hasAuthority('PERMISSION_READ')")
	ResponseEntity<Void> live() {
		return ResponseEntity.ok().build();
	}

	@GetMapping("/v2/health/ready")
	@PreAuthorize("hasAuthority('PERMISSION_READ')")
	ResponseEntity<Void> ready() {
		return ResponseEntity.status(this.lifecycle.ready() ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).build();
	}

	@GetMapping({ "/v2/models/{model}", "/v2/models/{model}/versions/{version}" })
	@PreAuthorize("hasAnyAuthority('PERMISSION_READ', 'PERMISSION_ROBOT')")
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
	@PreAuthorize("hasAuthority('PERMISSION_READ')")
	Map<String, Object> modelReady(@PathVariable String model, @PathVariable(required = false) String version) {
		this.registry.resolve(model, version);
		return Map.of("name", model, "ready", true);
	}

	@PostMapping({ "/v2/models/{model}/infer", "/v2/models/{model}/versions/{version}/infer" })
	@PreAuthorize("hasAnyAuthority('PERMISSION_CONTROL', 'PERMISSION_ROBOT')")
	void infer(@PathVariable String model, @PathVariable(required = false) String version, HttpServletRequest request,
			HttpServletResponse response) throws IOException {
		if (request.getContentLengthLong() > this.maxBytes) {
			throw new RequestTooLarge(this.maxBytes);
		}
		ModelConfig config = this.inference.signature(model, version);
		LimitedInput body = new LimitedInput(request.getInputStream(), this.maxBytes);
		OipRequest parsed = new OipRequestReader(config, this.maxBytes).read(body, headerLength(request));
		InferenceAnswer answer = this.inference.infer(new InferenceCall(model, version, parsed.inputs(),
				parsed.outputs(), parsed.priority(), parsed.timeout()));
		OipResponseWriter.write(response, parsed, answer);
	}

	private static Long headerLength(HttpServletRequest request) {
		String value = request.getHeader(OipResponseWriter.HEADER_LENGTH);
		if (value == null) {
			return null;
		}
		try {
			return Long.parseLong(value.trim());
		}
		catch (NumberFormatException ex) {
			throw new InvalidInput(OipResponseWriter.HEADER_LENGTH + " must be a number of bytes, was " + value);
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

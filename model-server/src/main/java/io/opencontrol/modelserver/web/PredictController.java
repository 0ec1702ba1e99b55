package io.opencontrol.modelserver.web;

import java.io.IOException;
import java.util.Map;

import io.opencontrol.modelserver.inference.Inference;
import io.opencontrol.modelserver.inference.InferenceAnswer;
import io.opencontrol.modelserver.repository.RepositoryProperties;
import io.opencontrol.modelserver.serving.ServingLifecycle;
import io.opencontrol.modelserver.tensor.Tensor;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.core.JsonGenerator;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The original design's API: {@code POST /predict} (nested arrays in, nested arrays out,
 * with the version that answered and the time it took) and {@code GET /health}.
 */
@RestController
class PredictController {

	private final Inference inference;

	private final ServingLifecycle lifecycle;

	private final long maxBytes;

	PredictController(Inference inference, ServingLifecycle lifecycle, RepositoryProperties properties) {
		this.inference = inference;
		this.lifecycle = lifecycle;
		this.maxBytes = properties.maxRequestSize().toBytes();
	}

	@PostMapping("/predict")
	@PreAuthorize("hasAnyAuthority('PERMISSION_CONTROL', 'PERMISSION_ROBOT')")
	void predict(HttpServletRequest request, HttpServletResponse response) throws IOException {
		if (request.getContentLengthLong() > this.maxBytes) {
			throw new RequestTooLarge(this.maxBytes);
		}
		LimitedInput body = new LimitedInput(request.getInputStream(), this.maxBytes);
		InferenceAnswer answer = this.inference
			.infer(new PredictRequestReader(this.inference, this.maxBytes).read(body));
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		try (JsonGenerator json = OipRequestReader.JSON.createGenerator(response.getOutputStream())) {
			json.writeStartObject();
			json.writeStringProperty("model", answer.model());
			json.writeStringProperty("version", Long.toString(answer.version()));
			json.writeName("outputs");
			json.writeStartObject();
			for (Tensor output : answer.outputs()) {
				json.writeName(output.name());
				TensorJson.nested(json, output);
			}
			json.writeEndObject();
			json.writeNumberProperty("latency_ms", answer.totalNanos() / 1e6);
			json.writeStringProperty("source", "cloud_server");
			json.writeEndObject();
		}
	}

	@GetMapping("/health")
	@PreAuthorize("hasAuthority('PERMISSION_READ')")
	ResponseEntity<Map<String, Object>> health() {
		boolean ready = this.lifecycle.ready();
		return ResponseEntity.status(ready ? 200 : 503)
			.body(Map.of("status", ready ? "healthy" : "unhealthy", "model_loaded", ready));
	}

}

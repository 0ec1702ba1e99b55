package io.opencontrol.modelserver.web;

import java.io.IOException;

import io.opencontrol.modelserver.inference.Inference;
import io.opencontrol.modelserver.inference.InferenceAnswer;
import io.opencontrol.modelserver.repository.RepositoryProperties;
import io.opencontrol.modelserver.tensor.Tensor;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.core.JsonGenerator;

import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

/**
 * The original design's {@code POST /predict}: nested arrays in, nested arrays out, with
 * the version that answered and the time it took.
 */
@Component
class Prediction {

	private final Inference inference;

	private final long maxBytes;

	Prediction(Inference inference, RepositoryProperties properties) {
		this.inference = inference;
		this.maxBytes = properties.maxRequestSize().toBytes();
	}

	void answer(HttpServletRequest request, HttpServletResponse response) throws IOException {
		LimitedInput body = LimitedInput.of(request, this.maxBytes);
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

}

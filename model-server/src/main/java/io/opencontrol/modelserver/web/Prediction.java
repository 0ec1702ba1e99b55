package io.opencontrol.modelserver.web;

import java.io.ByteArrayOutputStream;

import io.opencontrol.modelserver.inference.Inference;
import io.opencontrol.modelserver.inference.InferenceAnswer;
import io.opencontrol.modelserver.repository.RepositoryProperties;
import io.opencontrol.modelserver.tensor.Tensor;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.core.JsonGenerator;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;

/**
 * The original design's {@code POST /predict}: nested arrays in, nested arrays out, with
 * the version that answered and the time it took; failures are problem details.
 */
@Component
class Prediction {

	static final String PATH = "/predict";

	private final Inference inference;

	private final long maxBytes;

	Prediction(Inference inference, RepositoryProperties properties) {
		this.inference = inference;
		this.maxBytes = properties.maxRequestSize().toBytes();
	}

	Mono<Void> answer(ServerHttpRequest request, ServerHttpResponse response) {
		return RequestBody
			.read(request, this.maxBytes, Schedulers.parallel(),
					(body) -> new PredictRequestReader(this.inference, this.maxBytes).read(body))
			.flatMap((call) -> EventLoop.answer(request, this.inference.submit(call)))
			.flatMap((answer) -> write(response, answer))
			.onErrorResume((ex) -> !response.isCommitted(), (ex) -> Failure.of(ex).writeProblem(response, PATH));
	}

	private static Mono<Void> write(ServerHttpResponse response, InferenceAnswer answer) {
		ByteArrayOutputStream body = new ByteArrayOutputStream(256);
		try (JsonGenerator json = OipRequestReader.JSON.createGenerator(body)) {
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
		response.setStatusCode(HttpStatus.OK);
		response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
		response.getHeaders().setContentLength(body.size());
		return response.writeWith(Mono.just(response.bufferFactory().wrap(body.toByteArray())));
	}

}

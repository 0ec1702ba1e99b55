package io.opencontrol.modelserver.web;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import io.opencontrol.modelserver.inference.InferenceAnswer;
import io.opencontrol.modelserver.tensor.Tensor;
import reactor.core.publisher.Mono;
import tools.jackson.core.JsonGenerator;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;

/**
 * Writes an OIP inference response: JSON, or with the binary tensor data extension a JSON
 * header ({@code Inference-Header-Content-Length}) followed by the raw data of each
 * output the client asked to receive as binary.
 */
final class OipResponseWriter {

	static final String HEADER_LENGTH = "Inference-Header-Content-Length";

	private OipResponseWriter() {
	}

	static Mono<Void> write(ServerHttpResponse response, OipRequest request, InferenceAnswer answer) {
		ByteArrayOutputStream body = new ByteArrayOutputStream(256);
		List<Tensor> binary = new ArrayList<>();
		try (JsonGenerator json = OipRequestReader.JSON.createGenerator(body)) {
			json.writeStartObject();
			json.writeStringProperty("model_name", answer.model());
			json.writeStringProperty("model_version", Long.toString(answer.version()));
			if (request.id() != null) {
				json.writeStringProperty("id", request.id());
			}
			json.writeName("outputs");
			json.writeStartArray();
			for (Tensor output : answer.outputs()) {
				json.writeStartObject();
				json.writeStringProperty("name", output.name());
				json.writeStringProperty("datatype", output.datatype().name());
				json.writeName("shape");
				json.writeArray(output.shape().dims(), 0, output.shape().rank());
				if (request.binary(output.name())) {
					json.writeName("parameters");
					json.writeStartObject();
					json.writeNumberProperty("binary_data_size", output.data().remaining());
					json.writeEndObject();
					binary.add(output);
				}
				else {
					json.writeName("data");
					TensorJson.flat(json, output);
				}
				json.writeEndObject();
			}
			json.writeEndArray();
			json.writeEndObject();
		}
		int headerLength = body.size();
		for (Tensor output : binary) {
			ByteBuffer data = output.data().duplicate();
			byte[] raw = new byte[data.remaining()];
			data.get(raw);
			body.writeBytes(raw);
		}
		response.setStatusCode(HttpStatus.OK);
		HttpHeaders headers = response.getHeaders();
		headers.setContentLength(body.size());
		if (binary.isEmpty()) {
			headers.setContentType(MediaType.APPLICATION_JSON);
		}
		else {
			headers.setContentType(MediaType.APPLICATION_OCTET_STREAM);
			headers.set(HEADER_LENGTH, Integer.toString(headerLength));
		}
		return response.writeWith(Mono.just(response.bufferFactory().wrap(body.toByteArray())));
	}

}

package io.opencontrol.modelserver.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.util.ArrayList;
import java.util.List;

import io.opencontrol.modelserver.inference.InferenceAnswer;
import io.opencontrol.modelserver.tensor.Tensor;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.core.JsonGenerator;

import org.springframework.http.MediaType;

/**
 * Writes an OIP inference response: JSON, or with the binary tensor data extension a JSON
 * header ({@code Inference-Header-Content-Length}) followed by the raw data of each
 * output the client asked to receive as binary.
 */
final class OipResponseWriter {

	static final String HEADER_LENGTH = "Inference-Header-Content-Length";

	private OipResponseWriter() {
	}

	static void write(HttpServletResponse response, OipRequest request, InferenceAnswer answer) throws IOException {
		ByteArrayOutputStream header = new ByteArrayOutputStream(256);
		List<Tensor> binary = new ArrayList<>();
		try (JsonGenerator json = OipRequestReader.JSON.createGenerator(header)) {
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
		response.setStatus(HttpServletResponse.SC_OK);
		int length = header.size() + binary.stream().mapToInt((output) -> output.data().remaining()).sum();
		response.setContentLength(length);
		if (binary.isEmpty()) {
			response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		}
		else {
			response.setContentType(MediaType.APPLICATION_OCTET_STREAM_VALUE);
			response.setHeader(HEADER_LENGTH, Integer.toString(header.size()));
		}
		OutputStream out = response.getOutputStream();
		header.writeTo(out);
		WritableByteChannel channel = Channels.newChannel(out);
		for (Tensor output : binary) {
			channel.write(output.data().duplicate());
		}
		out.flush();
	}

}

package io.opencontrol.modelserver.web;

import java.io.IOException;

import io.opencontrol.modelserver.inference.Inference;
import io.opencontrol.modelserver.inference.InferenceAnswer;
import io.opencontrol.modelserver.inference.InferenceCall;
import io.opencontrol.modelserver.inference.InvalidInput;
import io.opencontrol.modelserver.repository.ModelConfig;
import io.opencontrol.modelserver.repository.RepositoryProperties;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Component;

/**
 * OIP inference ({@code POST /v2/models/{model}[/versions/{version}]/infer}): a JSON
 * body, or a binary tensor data body with its JSON header's length in
 * {@code Inference-Header-Content-Length}; answered in the same form.
 */
@Component
class OipInference {

	private final Inference inference;

	private final long maxBytes;

	OipInference(Inference inference, RepositoryProperties properties) {
		this.inference = inference;
		this.maxBytes = properties.maxRequestSize().toBytes();
	}

	void answer(String model, String version, HttpServletRequest request, HttpServletResponse response)
			throws IOException {
		LimitedInput body = LimitedInput.of(request, this.maxBytes);
		ModelConfig config = this.inference.signature(model, version);
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

}

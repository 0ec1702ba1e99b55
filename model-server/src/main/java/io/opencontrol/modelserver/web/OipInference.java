package io.opencontrol.modelserver.web;

import io.opencontrol.modelserver.inference.Inference;
import io.opencontrol.modelserver.inference.InferenceCall;
import io.opencontrol.modelserver.inference.InvalidInput;
import io.opencontrol.modelserver.repository.ModelConfig;
import io.opencontrol.modelserver.repository.RepositoryProperties;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;

/**
 * OIP inference ({@code POST /v2/models/{model}[/versions/{version}]/infer}): a JSON
 * body, or a binary tensor data body with its JSON header's length in
 * {@code Inference-Header-Content-Length}; answered in the same form, failures in the OIP
 * error shape.
 */
@Component
class OipInference {

	private final Inference inference;

	private final long maxBytes;

	OipInference(Inference inference, RepositoryProperties properties) {
		this.inference = inference;
		this.maxBytes = properties.maxRequestSize().toBytes();
	}

	Mono<Void> answer(String model, String version, ServerHttpRequest request, ServerHttpResponse response) {
		return Mono.defer(() -> {
			ModelConfig config = this.inference.signature(model, version);
			Long headerLength = headerLength(request);
			// JSON tensors are parsed off the event loop, binary ones on it.
			Scheduler parser = (headerLength != null) ? Schedulers.immediate() : Schedulers.parallel();
			return RequestBody.read(request, this.maxBytes, parser,
					(body) -> new OipRequestReader(config, this.maxBytes).read(body, headerLength));
		})
			.flatMap((parsed) -> EventLoop
				.answer(request,
						this.inference.submit(new InferenceCall(model, version, parsed.inputs(), parsed.outputs(),
								parsed.priority(), parsed.timeout())))
				.flatMap((answer) -> OipResponseWriter.write(response, parsed, answer)))
			.onErrorResume((ex) -> !response.isCommitted(), (ex) -> Failure.of(ex).writeOip(response));
	}

	private static Long headerLength(ServerHttpRequest request) {
		String value = request.getHeaders().getFirst(OipResponseWriter.HEADER_LENGTH);
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

package io.opencontrol.modelserver.web;

import java.io.ByteArrayOutputStream;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

import io.opencontrol.modelserver.batching.DeadlineExpired;
import io.opencontrol.modelserver.batching.PoolClosed;
import io.opencontrol.modelserver.batching.QueueFull;
import io.opencontrol.modelserver.engine.InferenceFailed;
import io.opencontrol.modelserver.engine.ModelLoadFailed;
import io.opencontrol.modelserver.inference.InvalidInput;
import io.opencontrol.modelserver.repository.InvalidModelConfig;
import io.opencontrol.modelserver.serving.ModelNotFound;
import io.opencontrol.modelserver.serving.ModelNotReady;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import tools.jackson.core.JsonGenerator;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;

/**
 * The one mapping from the server's named failures to HTTP: both the OIP error shape and
 * the problem details of {@code /predict} are rendered from it.
 */
record Failure(HttpStatus status, String message, Optional<Integer> retryAfterSeconds) {

	private static final Logger logger = LoggerFactory.getLogger(Failure.class);

	/**
	 * The failure's answer; an asynchronous answer's failure is unwrapped first.
	 */
	static Failure of(Throwable failure) {
		Throwable ex = (failure instanceof CompletionException && failure.getCause() != null) ? failure.getCause()
				: failure;
		HttpStatus status;
		Optional<Integer> retryAfter = Optional.empty();
		String message = ex.getMessage();
		if (ex instanceof InvalidInput || ex instanceof InvalidModelConfig) {
			status = HttpStatus.BAD_REQUEST;
		}
		else if (ex instanceof RequestTooLarge) {
			status = HttpStatus.CONTENT_TOO_LARGE;
		}
		else if (ex instanceof ModelNotFound) {
			status = HttpStatus.NOT_FOUND;
		}
		else if (ex instanceof QueueFull) {
			status = HttpStatus.TOO_MANY_REQUESTS;
			retryAfter = Optional.of(1);
		}
		else if (ex instanceof DeadlineExpired) {
			status = HttpStatus.GATEWAY_TIMEOUT;
		}
		else if (ex instanceof PoolClosed || ex instanceof ModelNotReady) {
			status = HttpStatus.SERVICE_UNAVAILABLE;
			retryAfter = Optional.of(1);
		}
		else if (ex instanceof ModelLoadFailed) {
			status = HttpStatus.UNPROCESSABLE_CONTENT;
		}
		else if (ex instanceof InferenceFailed) {
			status = HttpStatus.INTERNAL_SERVER_ERROR;
			message = "the model failed on this request's batch";
		}
		else {
			return unexpected(ex);
		}
		return new Failure(status, message, retryAfter);
	}

	/**
	 * A failure nobody named: logged here, answered 500 without its message, which may
	 * say more about the server than a caller should learn.
	 */
	private static Failure unexpected(Throwable ex) {
		logger.error("inference request failed unexpectedly", ex);
		return new Failure(HttpStatus.INTERNAL_SERVER_ERROR, "The server could not complete the request.",
				Optional.empty());
	}

	/** Writes the failure in the OIP error shape, {@code {"error": "..."}}. */
	Mono<Void> writeOip(ServerHttpResponse response) {
		return write(response, MediaType.APPLICATION_JSON, (json) -> json.writeStringProperty("error", this.message));
	}

	/** Writes the failure as an RFC 9457 problem detail about {@code instance}. */
	Mono<Void> writeProblem(ServerHttpResponse response, String instance) {
		return write(response, MediaType.APPLICATION_PROBLEM_JSON, (json) -> {
			json.writeStringProperty("type", "about:blank");
			json.writeStringProperty("title", this.status.getReasonPhrase());
			json.writeNumberProperty("status", this.status.value());
			json.writeStringProperty("detail", this.message);
			json.writeStringProperty("instance", instance);
		});
	}

	private Mono<Void> write(ServerHttpResponse response, MediaType contentType, Consumer<JsonGenerator> members) {
		ByteArrayOutputStream body = new ByteArrayOutputStream(128);
		try (JsonGenerator json = OipRequestReader.JSON.createGenerator(body)) {
			json.writeStartObject();
			members.accept(json);
			json.writeEndObject();
		}
		response.setStatusCode(this.status);
		response.getHeaders().setContentType(contentType);
		response.getHeaders().addAll(headers());
		return response.writeWith(Mono.just(response.bufferFactory().wrap(body.toByteArray())));
	}

	HttpHeaders headers() {
		HttpHeaders headers = new HttpHeaders();
		this.retryAfterSeconds.ifPresent((seconds) -> headers.set(HttpHeaders.RETRY_AFTER, seconds.toString()));
		return headers;
	}

}

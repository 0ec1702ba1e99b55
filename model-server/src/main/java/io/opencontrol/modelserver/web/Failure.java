package io.opencontrol.modelserver.web;

import java.io.IOException;
import java.util.Optional;

import io.opencontrol.modelserver.batching.DeadlineExpired;
import io.opencontrol.modelserver.batching.PoolClosed;
import io.opencontrol.modelserver.batching.QueueFull;
import io.opencontrol.modelserver.engine.InferenceFailed;
import io.opencontrol.modelserver.engine.ModelLoadFailed;
import io.opencontrol.modelserver.inference.InvalidInput;
import io.opencontrol.modelserver.repository.InvalidModelConfig;
import io.opencontrol.modelserver.serving.ModelNotFound;
import io.opencontrol.modelserver.serving.ModelNotReady;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.core.JsonGenerator;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * The one mapping from the server's named failures to HTTP: both the OIP error shape and
 * the problem details of {@code /predict} are rendered from it.
 */
record Failure(HttpStatus status, String message, Optional<Integer> retryAfterSeconds) {

	static Failure of(RuntimeException ex) {
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
			throw ex;
		}
		return new Failure(status, message, retryAfter);
	}

	/** Writes the failure in the OIP error shape, {@code {"error": "..."}}. */
	void writeOip(HttpServletResponse response) throws IOException {
		start(response, MediaType.APPLICATION_JSON_VALUE);
		try (JsonGenerator json = OipRequestReader.JSON.createGenerator(response.getOutputStream())) {
			json.writeStartObject();
			json.writeStringProperty("error", this.message);
			json.writeEndObject();
		}
	}

	/** Writes the failure as an RFC 9457 problem detail about {@code instance}. */
	void writeProblem(HttpServletResponse response, String instance) throws IOException {
		start(response, MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		try (JsonGenerator json = OipRequestReader.JSON.createGenerator(response.getOutputStream())) {
			json.writeStartObject();
			json.writeStringProperty("type", "about:blank");
			json.writeStringProperty("title", this.status.getReasonPhrase());
			json.writeNumberProperty("status", this.status.value());
			json.writeStringProperty("detail", this.message);
			json.writeStringProperty("instance", instance);
			json.writeEndObject();
		}
	}

	private void start(HttpServletResponse response, String contentType) {
		response.setStatus(this.status.value());
		response.setContentType(contentType);
		this.retryAfterSeconds.ifPresent((seconds) -> response.setHeader(HttpHeaders.RETRY_AFTER, seconds.toString()));
	}

	HttpHeaders headers() {
		HttpHeaders headers = new HttpHeaders();
		this.retryAfterSeconds.ifPresent((seconds) -> headers.set(HttpHeaders.RETRY_AFTER, seconds.toString()));
		return headers;
	}

}

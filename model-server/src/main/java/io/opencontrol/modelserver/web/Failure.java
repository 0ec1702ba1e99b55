package io.opencontrol.modelserver.web;

import java.util.Optional;

import io.opencontrol.modelserver.batching.DeadlineExpired;
import io.opencontrol.modelserver.batching.PoolClosed;
import io.opencontrol.modelserver.batching.QueueFull;
import io.opencontrol.modelserver.engine.InferenceFailed;
import io.opencontrol.modelserver.engine.ModelLoadFailed;
import io.opencontrol.modelserver.inference.InvalidInput;
import io.opencontrol.modelserver.repository.InvalidModelConfig;
import io.opencontrol.modelserver.serving.ModelNotFound;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

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
		else if (ex instanceof PoolClosed) {
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

	HttpHeaders headers() {
		HttpHeaders headers = new HttpHeaders();
		this.retryAfterSeconds.ifPresent((seconds) -> headers.set(HttpHeaders.RETRY_AFTER, seconds.toString()));
		return headers;
	}

}

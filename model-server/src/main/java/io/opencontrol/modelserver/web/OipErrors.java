package io.opencontrol.modelserver.web;

import java.util.Map;

import io.opencontrol.modelserver.batching.DeadlineExpired;
import io.opencontrol.modelserver.batching.PoolClosed;
import io.opencontrol.modelserver.batching.QueueFull;
import io.opencontrol.modelserver.engine.InferenceFailed;
import io.opencontrol.modelserver.engine.ModelLoadFailed;
import io.opencontrol.modelserver.inference.InvalidInput;
import io.opencontrol.modelserver.repository.InvalidModelConfig;
import io.opencontrol.modelserver.serving.ModelNotFound;
import io.opencontrol.modelserver.serving.ModelNotReady;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Failures on the {@code /v2} routes, in the OIP error shape {@code {"error": "..."}}.
 */
@RestControllerAdvice(assignableTypes = { OipController.class, RepositoryController.class, ArtifactController.class })
class OipErrors {

	@ExceptionHandler({ InvalidInput.class, RequestTooLarge.class, ModelNotFound.class, ModelNotReady.class,
			QueueFull.class, DeadlineExpired.class, PoolClosed.class, InvalidModelConfig.class, ModelLoadFailed.class,
			InferenceFailed.class })
	ResponseEntity<Map<String, String>> failed(RuntimeException ex) {
		Failure failure = Failure.of(ex);
		return ResponseEntity.status(failure.status())
			.headers(failure.headers())
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("error", failure.message()));
	}

}

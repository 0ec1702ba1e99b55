package io.opencontrol.modelserver.web;

import io.opencontrol.modelserver.batching.DeadlineExpired;
import io.opencontrol.modelserver.batching.PoolClosed;
import io.opencontrol.modelserver.batching.QueueFull;
import io.opencontrol.modelserver.engine.InferenceFailed;
import io.opencontrol.modelserver.inference.InvalidInput;
import io.opencontrol.modelserver.serving.ModelNotFound;

import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Failures on {@code /predict} as RFC 9457 problem details. */
@RestControllerAdvice(assignableTypes = PredictController.class)
class PredictProblems {

	@ExceptionHandler({ InvalidInput.class, RequestTooLarge.class, ModelNotFound.class, QueueFull.class,
			DeadlineExpired.class, PoolClosed.class, InferenceFailed.class })
	ResponseEntity<ProblemDetail> failed(RuntimeException ex) {
		Failure failure = Failure.of(ex);
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(failure.status(), failure.message());
		return ResponseEntity.status(failure.status()).headers(failure.headers()).body(problem);
	}

}

package io.opencontrol.edge;

import io.opencontrol.edge.assignments.CloudRefused;
import io.opencontrol.edge.assignments.CloudUnreachable;
import io.opencontrol.edge.heartbeat.UnknownSensor;
import io.opencontrol.edge.inference.InvalidPrediction;
import io.opencontrol.edge.inference.LocalUnavailable;
import io.opencontrol.edge.journal.JournalUnavailable;
import io.opencontrol.edge.journal.RecordTooLarge;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The edge gateway's errors, mapped once to problem details for the robot's software. */
@RestControllerAdvice
class LocalApiProblems {

	/**
	 * Nothing was acknowledged: the disk is full or failing, or high-priority telemetry
	 * would overflow the budget. The robot should keep the record and try again.
	 */
	@ExceptionHandler(JournalUnavailable.class)
	ResponseEntity<ProblemDetail> journalUnavailable(JournalUnavailable ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
				"Telemetry was not stored: " + ex.getMessage());
		problem.setTitle("Telemetry journal unavailable");
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "1").body(problem);
	}

	@ExceptionHandler(InvalidPrediction.class)
	ProblemDetail invalidPrediction(InvalidPrediction ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
	}

	/** Neither the cloud nor a model on the robot can answer. */
	@ExceptionHandler(LocalUnavailable.class)
	ResponseEntity<ProblemDetail> noModel(LocalUnavailable ex) {
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, "5")
			.body(ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, ex.getMessage()));
	}

	@ExceptionHandler(RecordTooLarge.class)
	ProblemDetail tooLarge(RecordTooLarge ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, ex.getMessage());
	}

	@ExceptionHandler(UnknownSensor.class)
	ProblemDetail unknownSensor(UnknownSensor ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, ex.getMessage());
	}

	/** The coordinator's own refusal, with its status, for the robot to act on. */
	@ExceptionHandler(CloudRefused.class)
	ProblemDetail cloudRefused(CloudRefused ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(ex.status()), ex.getMessage());
		problem.setTitle("Refused by the fleet-coordinator");
		return problem;
	}

	@ExceptionHandler(CloudUnreachable.class)
	ResponseEntity<ProblemDetail> cloudUnreachable(CloudUnreachable ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, ex.getMessage());
		problem.setTitle("Fleet-coordinator unreachable");
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "1").body(problem);
	}

}

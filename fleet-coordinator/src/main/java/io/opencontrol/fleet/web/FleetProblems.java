package io.opencontrol.fleet.web;

import io.opencontrol.fleet.fleets.AllFleetsScopeRequired;
import io.opencontrol.fleet.fleets.FleetAlreadyExists;
import io.opencontrol.fleet.fleets.FleetNotFound;
import io.opencontrol.fleet.fleets.OutsideTheMap;
import io.opencontrol.fleet.robots.RobotAlreadyRegistered;
import io.opencontrol.fleet.robots.NoHeartbeatYet;
import io.opencontrol.fleet.robots.RobotNotFound;
import io.opencontrol.fleet.tasks.TaskNotFound;
import io.opencontrol.fleet.assignment.IdempotencyKeyReused;
import io.opencontrol.fleet.assignment.NoRobotCanDoTask;
import io.opencontrol.fleet.tasks.TaskNotInState;
import io.opencontrol.fleet.telemetry.SequencesNotRising;
import jakarta.validation.ConstraintViolationException;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The fleet-coordinator's domain errors, mapped once to problem details. */
@RestControllerAdvice
class FleetProblems {

	@ExceptionHandler({ FleetNotFound.class, RobotNotFound.class, TaskNotFound.class, NoHeartbeatYet.class })
	ProblemDetail notFound(RuntimeException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, ex.getMessage());
	}

	@ExceptionHandler({ FleetAlreadyExists.class, RobotAlreadyRegistered.class })
	ProblemDetail conflict(RuntimeException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, ex.getMessage());
	}

	@ExceptionHandler(OutsideTheMap.class)
	ProblemDetail outsideTheMap(OutsideTheMap ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, ex.getMessage());
	}

	@ExceptionHandler(AllFleetsScopeRequired.class)
	ProblemDetail scope(AllFleetsScopeRequired ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, ex.getMessage());
	}

	@ExceptionHandler({ NoRobotCanDoTask.class, IdempotencyKeyReused.class })
	ProblemDetail unprocessable(RuntimeException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, ex.getMessage());
	}

	@ExceptionHandler(SequencesNotRising.class)
	ProblemDetail outOfOrder(SequencesNotRising ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
	}

	@ExceptionHandler(TaskNotInState.class)
	ProblemDetail notInState(TaskNotInState ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, ex.getMessage());
	}

	/**
	 * A constraint the database keeps (a robot's capacity, one open assignment per task)
	 * refused a change that raced another one: nothing was written, and a retry decides
	 * again on the new state.
	 */
	@ExceptionHandler(DataIntegrityViolationException.class)
	ProblemDetail raced(DataIntegrityViolationException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
				"A concurrent change conflicted with this one; nothing was changed, retry");
	}

	/**
	 * The database could not be reached or dropped the connection: nothing is known to be
	 * written unless a retry with the same Idempotency-Key finds it.
	 */
	@ExceptionHandler({ DataAccessResourceFailureException.class, TransientDataAccessException.class,
			CannotCreateTransactionException.class, TransactionSystemException.class })
	ResponseEntity<ProblemDetail> databaseUnavailable(RuntimeException ex) {
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, "1")
			.body(ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
					"The fleet database is unavailable; retry shortly"));
	}

	@ExceptionHandler(ConstraintViolationException.class)
	ProblemDetail invalidParameter(ConstraintViolationException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
	}

}

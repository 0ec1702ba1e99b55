package io.opencontrol.fleet.web;

import io.opencontrol.fleet.fleets.AllFleetsScopeRequired;
import io.opencontrol.fleet.fleets.FleetAlreadyExists;
import io.opencontrol.fleet.fleets.FleetNotFound;
import io.opencontrol.fleet.fleets.OutsideTheMap;
import io.opencontrol.fleet.robots.RobotAlreadyRegistered;
import io.opencontrol.fleet.robots.RobotNotFound;
import io.opencontrol.fleet.tasks.TaskNotFound;
import jakarta.validation.ConstraintViolationException;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The fleet-coordinator's domain errors, mapped once to problem details. */
@RestControllerAdvice
class FleetProblems {

	@ExceptionHandler({ FleetNotFound.class, RobotNotFound.class, TaskNotFound.class })
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

	@ExceptionHandler(ConstraintViolationException.class)
	ProblemDetail invalidParameter(ConstraintViolationException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
	}

}

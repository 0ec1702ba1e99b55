package io.opencontrol.auth.admin;

import io.opencontrol.auth.access.ClientAlreadyExists;
import io.opencontrol.auth.access.NoSuchAccount;
import io.opencontrol.auth.access.UserAlreadyExists;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The admin API's domain errors as problem details. */
@RestControllerAdvice(assignableTypes = AdminController.class)
class AdminProblems {

	@ExceptionHandler({ UserAlreadyExists.class, ClientAlreadyExists.class })
	ProblemDetail exists(RuntimeException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, ex.getMessage());
	}

	@ExceptionHandler(NoSuchAccount.class)
	ProblemDetail missing(NoSuchAccount ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, ex.getMessage());
	}

}

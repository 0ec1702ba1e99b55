package io.opencontrol.fleet.web;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import io.opencontrol.fleet.assignment.AssignmentAnswer;
import io.opencontrol.fleet.assignment.Assignments;
import io.opencontrol.fleet.assignment.TaskRequest;
import io.opencontrol.platform.security.CallerRights;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /assign_task} (control): the chosen robot with its estimated completion and
 * score (200), or queued until a robot can take the task (202). An
 * {@code Idempotency-Key} makes retrying safe.
 */
@RestController
@Validated
class AssignmentController {

	/** 1 to 255 visible ASCII characters. */
	static final String IDEMPOTENCY_KEY = "^[\\x21-\\x7e]{1,255}$";

	private final Assignments assignments;

	AssignmentController(Assignments assignments) {
		this.assignments = assignments;
	}

	@PostMapping("/assign_task")
	@PreAuthorize("hasAuthority('PERMISSION_CONTROL')")
	ResponseEntity<AssignmentAnswer> assign(
			@RequestHeader(name = "Idempotency-Key", required = false) @Pattern(regexp = IDEMPOTENCY_KEY,
					message = "must be 1 to 255 visible ASCII characters") String idempotencyKey,
			@Valid @RequestBody NewTask request, Authentication caller) {
		Assignments.Answered answered = this.assignments.assign(CallerRights.of(caller), idempotencyKey,
				request.toTaskRequest());
		AssignmentAnswer answer = answered.answer();
		return ResponseEntity.status(answer.queued() ? HttpStatus.ACCEPTED : HttpStatus.OK)
			.location(URI.create("/api/tasks/" + answer.taskId()))
			.header("Idempotent-Replayed", Boolean.toString(answered.replayed()))
			.body(answer);
	}

	record Point(@NotNull @PositiveOrZero @DecimalMax("100000") Double x,
			@NotNull @PositiveOrZero @DecimalMax("100000") Double y) {
	}

	record NewTask(@NotBlank @Pattern(regexp = Identifiers.SLUG) String fleet,
			@NotBlank @Size(max = 100) @Pattern(regexp = "^[a-z0-9][a-z0-9_-]*$") String type,
			@Min(0) @Max(10) Integer priority, @NotNull @Valid Point location, @Valid Point dropoff,
			@Size(max = 50) List<@NotNull @Pattern(regexp = Identifiers.SLUG) String> requiredCapabilities,
			@NotNull @Positive @DecimalMax("604800") Double estimatedDurationS, Instant deadline) {

		TaskRequest toTaskRequest() {
			return TaskRequest.of(this.fleet, this.type, (this.priority != null) ? this.priority : 0, this.location.x(),
					this.location.y(), (this.dropoff != null) ? this.dropoff.x() : null,
					(this.dropoff != null) ? this.dropoff.y() : null,
					(this.requiredCapabilities != null) ? this.requiredCapabilities : List.of(),
					this.estimatedDurationS, this.deadline);
		}

	}

}

package io.opencontrol.fleet.web;

import java.util.List;
import java.util.UUID;

import io.opencontrol.fleet.tasks.Task;
import io.opencontrol.fleet.tasks.TaskLifecycle;
import io.opencontrol.fleet.tasks.Tasks;
import io.opencontrol.platform.security.CallerRights;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The tasks of the caller's fleets, filtered by fleet, status or robot (read); their
 * robot or an operator starts, completes or fails them, an operator cancels them.
 */
@RestController
@Validated
@RequestMapping("/api/tasks")
class TaskController {

	private final Tasks tasks;

	private final TaskLifecycle lifecycle;

	TaskController(Tasks tasks, TaskLifecycle lifecycle) {
		this.tasks = tasks;
		this.lifecycle = lifecycle;
	}

	@GetMapping
	@PreAuthorize("hasAuthority('PERMISSION_READ')")
	List<Task> list(@RequestParam(required = false) @Pattern(regexp = Identifiers.SLUG) String fleet,
			@RequestParam(required = false) @Pattern(regexp = Identifiers.TASK_STATUS) String status,
			@RequestParam(required = false) @Pattern(regexp = Identifiers.SLUG) String robot, Authentication caller) {
		return this.tasks.list(CallerRights.of(caller), fleet, status, robot);
	}

	@GetMapping("/{id}")
	@PreAuthorize("hasAuthority('PERMISSION_READ')")
	Task get(@PathVariable UUID id, Authentication caller) {
		return this.tasks.get(CallerRights.of(caller), id);
	}

	@PostMapping("/{id}/start")
	@PreAuthorize("hasAnyAuthority('PERMISSION_CONTROL', 'PERMISSION_ROBOT')")
	Task start(@PathVariable UUID id, Authentication caller) {
		return this.lifecycle.start(CallerRights.of(caller), id);
	}

	@PostMapping("/{id}/complete")
	@PreAuthorize("hasAnyAuthority('PERMISSION_CONTROL', 'PERMISSION_ROBOT')")
	Task complete(@PathVariable UUID id, Authentication caller) {
		return this.lifecycle.complete(CallerRights.of(caller), id);
	}

	@PostMapping("/{id}/fail")
	@PreAuthorize("hasAnyAuthority('PERMISSION_CONTROL', 'PERMISSION_ROBOT')")
	Task fail(@PathVariable UUID id, @Valid @RequestBody(required = false) Reason reason, Authentication caller) {
		return this.lifecycle.fail(CallerRights.of(caller), id, Reason.of(reason));
	}

	@PostMapping("/{id}/cancel")
	@PreAuthorize("hasAuthority('PERMISSION_CONTROL')")
	Task cancel(@PathVariable UUID id, @Valid @RequestBody(required = false) Reason reason, Authentication caller) {
		return this.lifecycle.cancel(CallerRights.of(caller), id, Reason.of(reason));
	}

	/** Why a task failed or was cancelled, for the people reading its events. */
	record Reason(@Size(max = 500) String reason) {

		static String of(Reason reason) {
			return (reason != null) ? reason.reason() : null;
		}

	}

}

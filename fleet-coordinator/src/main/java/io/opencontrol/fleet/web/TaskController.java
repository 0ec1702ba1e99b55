package io.opencontrol.fleet.web;

import java.util.List;
import java.util.UUID;

import io.opencontrol.fleet.tasks.Task;
import io.opencontrol.fleet.tasks.Tasks;
import io.opencontrol.platform.security.CallerRights;
import jakarta.validation.constraints.Pattern;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The tasks of the caller's fleets, filtered by fleet, status or robot. */
@RestController
@Validated
@RequestMapping("/api/tasks")
class TaskController {

	private final Tasks tasks;

	TaskController(Tasks tasks) {
		this.tasks = tasks;
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

}

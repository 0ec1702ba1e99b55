package io.opencontrol.edge.assignments;

import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import tools.jackson.databind.JsonNode;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The robot's work, for its software: what to do next, and reports of starting and
 * finishing it and of the robot's own state, passed on to the fleet-coordinator.
 */
@RestController
class AssignmentController {

	private final RobotAssignments assignments;

	private final AssignmentFeed feed;

	private final TaskReports reports;

	AssignmentController(RobotAssignments assignments, AssignmentFeed feed, TaskReports reports) {
		this.assignments = assignments;
		this.feed = feed;
		this.reports = reports;
	}

	@GetMapping("/assignments")
	Assignments all() {
		return new Assignments(this.feed.connected(), this.assignments.lastEventId(), this.assignments.all());
	}

	/** The task to work on now; 204 when there is none. */
	@GetMapping("/assignments/next")
	ResponseEntity<JsonNode> next() {
		return this.assignments.next().map(ResponseEntity::ok).orElseGet(() -> ResponseEntity.noContent().build());
	}

	@PostMapping("/assignments/{task}/start")
	JsonNode start(@PathVariable UUID task) {
		return this.reports.started(task);
	}

	@PostMapping("/assignments/{task}/complete")
	JsonNode complete(@PathVariable UUID task) {
		return this.reports.completed(task);
	}

	@PostMapping("/assignments/{task}/fail")
	JsonNode fail(@PathVariable UUID task, @Valid @RequestBody(required = false) Failure failure) {
		return this.reports.failed(task, (failure != null) ? failure.reason() : null);
	}

	@PutMapping("/state")
	JsonNode state(@Valid @RequestBody RobotState state) {
		return this.reports.state(state);
	}

	/**
	 * @param connected whether the coordinator's stream is open now (if not, the tasks
	 * are as of when it was lost)
	 * @param lastEventId the last event of the stream applied
	 * @param tasks the open tasks, next first
	 */
	record Assignments(boolean connected, long lastEventId, List<JsonNode> tasks) {
	}

	record Failure(@Size(max = 500) String reason) {
	}

}

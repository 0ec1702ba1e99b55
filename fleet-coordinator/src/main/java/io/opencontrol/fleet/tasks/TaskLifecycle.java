package io.opencontrol.fleet.tasks;

import java.util.Set;
import java.util.UUID;

import io.opencontrol.fleet.assignment.AssignmentLedger;
import io.opencontrol.fleet.events.FleetEvents;
import io.opencontrol.fleet.fleets.Fleets;
import io.opencontrol.fleet.replanning.ReplanRequests;
import io.opencontrol.platform.security.CallerRights;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A task's way from assigned to done: its robot starts it, completes or fails it; an
 * operator may do the same or cancel it. A robot acts only on tasks assigned to it. When
 * a task ends, its robot's capacity is released and the fleet is re-planned.
 */
@Service
public class TaskLifecycle {

	private final Tasks tasks;

	private final Fleets fleets;

	private final AssignmentLedger ledger;

	private final FleetEvents events;

	private final ReplanRequests replanning;

	private final JdbcClient jdbc;

	TaskLifecycle(Tasks tasks, Fleets fleets, AssignmentLedger ledger, FleetEvents events, ReplanRequests replanning,
			JdbcClient jdbc) {
		this.tasks = tasks;
		this.fleets = fleets;
		this.ledger = ledger;
		this.events = events;
		this.replanning = replanning;
		this.jdbc = jdbc;
	}

	@Transactional
	public Task start(CallerRights caller, UUID id) {
		Task task = locked(caller, id);
		requireStatus(task, Set.of("assigned"), "started");
		this.jdbc.sql("update task set status = 'in_progress', started_at = now(), updated_at = now() where id = ?")
			.param(id)
			.update();
		return recorded("started", task.robotId(), id, null);
	}

	@Transactional
	public Task complete(CallerRights caller, UUID id) {
		Task task = locked(caller, id);
		requireStatus(task, Set.of("in_progress"), "completed");
		return finish(task, "completed", null);
	}

	@Transactional
	public Task fail(CallerRights caller, UUID id, String reason) {
		Task task = locked(caller, id);
		requireStatus(task, Set.of("assigned", "in_progress"), "failed");
		return finish(task, "failed", reason);
	}

	@Transactional
	public Task cancel(CallerRights caller, UUID id, String reason) {
		Task task = locked(caller, id);
		requireStatus(task, Set.of("queued", "assigned", "in_progress"), "cancelled");
		return finish(task, "cancelled", reason);
	}

	private Task finish(Task task, String status, String reason) {
		this.jdbc.sql("update task set status = ?, finished_at = now(), updated_at = now() where id = ?")
			.params(status, task.id())
			.update();
		if (task.robotId() != null) {
			this.ledger.close(task.id(), status);
			Integer held = this.jdbc.sql("select active_tasks from robot where id = ?")
				.param(task.robotId())
				.query(Integer.class)
				.single();
			if (held == 0) {
				this.ledger.free(task.robotId());
			}
		}
		this.replanning.request(task.fleet());
		return recorded(status, task.robotId(), task.id(), reason);
	}

	/**
	 * The task, once its fleet is locked; a task the caller may not act on is not found.
	 */
	private Task locked(CallerRights caller, UUID id) {
		Task seen = this.tasks.get(caller, id);
		this.fleets.lock(seen.fleet());
		Task task = this.tasks.find(id).orElseThrow(() -> new TaskNotFound(id));
		if (caller.robotId() != null && !caller.robotId().equals(task.robotId())) {
			throw new TaskNotFound(id);
		}
		return task;
	}

	private Task recorded(String kind, String robot, UUID id, String reason) {
		Task now = this.tasks.find(id).orElseThrow();
		this.events.record(kind, robot, now, reason);
		return now;
	}

	private static void requireStatus(Task task, Set<String> allowed, String action) {
		if (!allowed.contains(task.status())) {
			throw new TaskNotInState(task.id(), task.status(), action);
		}
	}

}

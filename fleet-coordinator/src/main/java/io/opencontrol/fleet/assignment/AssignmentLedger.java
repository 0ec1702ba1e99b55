package io.opencontrol.fleet.assignment;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Writes assignments: opening one sets the task's robot and estimated completion, closing
 * one releases the robot's capacity (the database trigger counts open assignments, and
 * the capacity constraint fails an over-assigning transaction). Callers hold the fleet's
 * lock.
 */
@Component
public class AssignmentLedger {

	private final JdbcClient jdbc;

	private final JdbcTemplate batch;

	private final JsonMapper json;

	AssignmentLedger(JdbcClient jdbc, JdbcTemplate batch, JsonMapper json) {
		this.jdbc = jdbc;
		this.batch = batch;
		this.json = json;
	}

	/**
	 * Gives the (queued or just withdrawn) task to the robot.
	 * @param reason {@code requested} or {@code replanned}
	 */
	public void open(UUID task, String robot, Score score, String reason) {
		String scoreJson = this.json.writeValueAsString(score);
		Timestamp eta = Timestamp.from(score.finish());
		record(task, robot, score, reason);
		this.jdbc.sql("""
				update task set status = 'assigned', robot_id = ?, eta = ?, score = cast(? as jsonb),
				assigned_at = now(), updated_at = now() where id = ?""").params(robot, eta, scoreJson, task).update();
	}

	/**
	 * Opens the assignment of a task that was stored already assigned to the robot (with
	 * its estimated completion and score), as a new request's task is.
	 */
	public void record(UUID task, String robot, Score score, String reason) {
		this.jdbc.sql("""
				insert into assignment (task_id, robot_id, estimated_completion, score, reason)
				values (?, ?, ?, cast(? as jsonb), ?)""")
			.params(task, robot, Timestamp.from(score.finish()), this.json.writeValueAsString(score), reason)
			.update();
	}

	/**
	 * Ends the task's open assignment, if it has one.
	 * @param reason completed, failed, cancelled, moved or robot_offline
	 */
	public void close(UUID task, String reason) {
		this.jdbc.sql("update assignment set ended_at = now(), end_reason = ? where task_id = ? and ended_at is null")
			.params(reason, task)
			.update();
	}

	/**
	 * Records where, when and with what charge each robot is free after its tasks, in one
	 * batch.
	 */
	public void project(List<Start> ends) {
		this.batch.batchUpdate(
				"update robot set free_at = ?, free_x = ?, free_y = ?, free_battery_pct = ? where id = ?",
				ends.stream()
					.map((end) -> new Object[] { Timestamp.from(end.at()), end.x(), end.y(), end.batteryPct(),
							end.robotId() })
					.toList());
	}

	/** Records that the robot is free now, where it is. */
	public void free(String robot) {
		this.jdbc
			.sql("update robot set free_at = null, free_x = null, free_y = null, free_battery_pct = null "
					+ "where id = ?")
			.param(robot)
			.update();
	}

	/** Puts a task whose assignment was closed back in the queue. */
	public void requeue(UUID task) {
		this.jdbc
			.sql("update task set status = 'queued', robot_id = null, eta = null, score = null, "
					+ "assigned_at = null, updated_at = now() where id = ?")
			.param(task)
			.update();
	}

	/**
	 * Updates assigned tasks' estimated completions after their robots' plans changed, in
	 * one batch.
	 */
	public void reschedule(Map<UUID, Score> scores) {
		this.batch.batchUpdate("update task set eta = ?, score = cast(? as jsonb), updated_at = now() where id = ?",
				scores.entrySet()
					.stream()
					.map((entry) -> new Object[] { Timestamp.from(entry.getValue().finish()),
							this.json.writeValueAsString(entry.getValue()), entry.getKey() })
					.toList());
	}

}

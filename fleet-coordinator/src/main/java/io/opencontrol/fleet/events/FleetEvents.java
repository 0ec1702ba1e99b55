package io.opencontrol.fleet.events;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.opencontrol.fleet.tasks.Task;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The fleet's event log in PostgreSQL. Events are written in the transaction that makes
 * the change (so an event exists exactly when its change does) and announced with NOTIFY
 * on commit.
 */
@Component
public class FleetEvents {

	private static final String COLUMNS = "id, fleet_id, robot_id, kind, payload::text as payload";

	private final JdbcClient jdbc;

	private final JsonMapper json;

	FleetEvents(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	/**
	 * Records that the task was assigned to, withdrawn from, started, finished by the
	 * robot, or queued (robot {@code null}). Must run in the transaction holding the
	 * fleet's lock.
	 */
	public void record(String kind, String robot, Task task, String reason) {
		this.jdbc
			.sql("insert into fleet_event (fleet_id, robot_id, task_id, kind, payload) "
					+ "values (?, ?, ?, ?, cast(? as jsonb))")
			.params(task.fleet(), robot, task.id(), kind, payload(kind, robot, task, reason))
			.update();
	}

	/**
	 * An event's payload as {@link #record} stores it, for a writer that inserts the
	 * event in the same statement as the change it announces.
	 */
	public String payload(String kind, String robot, Task task, String reason) {
		Map<String, Object> payload = new LinkedHashMap<>();
		payload.put("kind", kind);
		payload.put("robot_id", robot);
		payload.put("reason", reason);
		payload.put("task", task);
		return this.json.writeValueAsString(payload);
	}

	Optional<FleetEvent> byId(long id) {
		return this.jdbc.sql("select " + COLUMNS + " from fleet_event where id = ?")
			.param(id)
			.query((rs, row) -> event(rs))
			.optional();
	}

	/** A fleet's events after the given id, oldest first. */
	List<FleetEvent> ofFleetAfter(String fleet, long after, int limit) {
		return this.jdbc
			.sql("select " + COLUMNS + " from fleet_event where fleet_id = ? and id > ? order by id limit ?")
			.params(fleet, after, limit)
			.query((rs, row) -> event(rs))
			.list();
	}

	/** A robot's events after the given id, oldest first. */
	List<FleetEvent> ofRobotAfter(String robot, long after, int limit) {
		return this.jdbc
			.sql("select " + COLUMNS + " from fleet_event where robot_id = ? and id > ? order by id limit ?")
			.params(robot, after, limit)
			.query((rs, row) -> event(rs))
			.list();
	}

	long latestId() {
		return this.jdbc.sql("select coalesce(max(id), 0) from fleet_event").query(Long.class).single();
	}

	private static FleetEvent event(java.sql.ResultSet rs) throws java.sql.SQLException {
		return new FleetEvent(rs.getLong("id"), rs.getString("fleet_id"), rs.getString("robot_id"),
				rs.getString("kind"), rs.getString("payload"));
	}

}

package io.opencontrol.fleet.tasks;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Tasks in PostgreSQL. */
@Repository
class TaskRepository {

	private static final String COLUMNS = "id, fleet_id, type, priority, x, y, dropoff_x, dropoff_y, "
			+ "required_capabilities, estimated_duration_s, deadline, status, robot_id, eta";

	private final JdbcClient jdbc;

	TaskRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<Task> find(UUID id) {
		return this.jdbc.sql("select " + COLUMNS + " from task where id = ?")
			.param(id)
			.query((rs, row) -> task(rs))
			.optional();
	}

	/**
	 * Tasks of these fleets, optionally only of one status or one robot, newest first.
	 */
	List<Task> find(List<String> fleets, String status, String robot, int limit) {
		return this.jdbc.sql("select " + COLUMNS + " from task where fleet_id = any (:fleets)"
				+ " and (cast(:status as text) is null or status = :status)"
				+ " and (cast(:robot as text) is null or robot_id = :robot) order by created_at desc, id limit :limit")
			.param("fleets", fleets.toArray(String[]::new))
			.param("status", status)
			.param("robot", robot)
			.param("limit", limit)
			.query((rs, row) -> task(rs))
			.list();
	}

	private static Task task(ResultSet rs) throws SQLException {
		return new Task(rs.getObject("id", UUID.class), rs.getString("fleet_id"), rs.getString("type"),
				rs.getInt("priority"), rs.getDouble("x"), rs.getDouble("y"), rs.getObject("dropoff_x", Double.class),
				rs.getObject("dropoff_y", Double.class),
				Arrays.asList((String[]) rs.getArray("required_capabilities").getArray()),
				rs.getDouble("estimated_duration_s"), instant(rs, "deadline"), rs.getString("status"),
				rs.getString("robot_id"), instant(rs, "eta"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp value = rs.getTimestamp(column);
		return (value != null) ? value.toInstant() : null;
	}

}

package io.opencontrol.fleet.robots;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Robots in PostgreSQL. */
@Repository
class RobotRepository {

	private static final String COLUMNS = "id, fleet_id, capabilities, x, y, speed_mps, battery_pct, capacity, status, "
			+ "last_seen";

	/**
	 * A robot as read: last seen by its own state report or its latest heartbeat, which
	 * is kept apart from the robot's row (HeartbeatWriter).
	 */
	private static final String READ = "select r.id, r.fleet_id, r.capabilities, r.x, r.y, r.speed_mps, r.battery_pct, "
			+ "r.capacity, r.status, greatest(r.last_seen, h.received_at) as last_seen "
			+ "from robot r left join robot_heartbeat h on h.robot_id = r.id";

	private final JdbcClient jdbc;

	RobotRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(Robot robot) {
		try {
			this.jdbc.sql("insert into robot (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
				.params(robot.id(), robot.fleet(), robot.capabilities().toArray(String[]::new), robot.x(), robot.y(),
						robot.speedMps(), robot.batteryPct(), robot.capacity(), robot.status(),
						(robot.lastSeen() != null) ? Timestamp.from(robot.lastSeen()) : null)
				.update();
		}
		catch (DuplicateKeyException ex) {
			throw new RobotAlreadyRegistered(robot.id());
		}
	}

	void updateRegistration(String id, List<String> capabilities, double speedMps, int capacity) {
		this.jdbc.sql("update robot set capabilities = ?, speed_mps = ?, capacity = ?, updated_at = now() where id = ?")
			.params(capabilities.toArray(String[]::new), speedMps, capacity, id)
			.update();
	}

	Optional<Robot> find(String id) {
		return this.jdbc.sql(READ + " where r.id = ?").param(id).query((rs, row) -> robot(rs)).optional();
	}

	List<Robot> inFleets(List<String> fleets) {
		return this.jdbc.sql(READ + " where r.fleet_id = any (?) order by r.id")
			.param(fleets.toArray(String[]::new))
			.query((rs, row) -> robot(rs))
			.list();
	}

	private static Robot robot(ResultSet rs) throws SQLException {
		Timestamp lastSeen = rs.getTimestamp("last_seen");
		return new Robot(rs.getString("id"), rs.getString("fleet_id"),
				Arrays.asList((String[]) rs.getArray("capabilities").getArray()), rs.getDouble("x"), rs.getDouble("y"),
				rs.getDouble("speed_mps"), rs.getDouble("battery_pct"), rs.getInt("capacity"), rs.getString("status"),
				(lastSeen != null) ? lastSeen.toInstant() : null);
	}

}

package io.opencontrol.fleet.replanning;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.opencontrol.fleet.assignment.CostModel;
import io.opencontrol.fleet.assignment.Start;
import io.opencontrol.fleet.assignment.TaskSpec;
import io.opencontrol.fleet.fleets.Fleet;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads a fleet for planning without locking it, in one repeatable-read snapshot, so
 * planning a large fleet never holds up assignments; the rows a plan rewrites are checked
 * against the versions read here when it is applied.
 */
@Component
class SnapshotReader {

	private final JdbcClient jdbc;

	private final CostModel cost;

	SnapshotReader(JdbcClient jdbc, CostModel cost) {
		this.jdbc = jdbc;
		this.cost = cost;
	}

	@Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
	public FleetSnapshot read(Fleet fleet, int maxTasks) {
		Instant now = this.jdbc.sql("select now()").query((rs, row) -> rs.getTimestamp(1).toInstant()).single();
		Map<String, Robot> robots = new LinkedHashMap<>();
		this.jdbc.sql("""
				select id, x, y, battery_pct, speed_mps, capabilities, capacity, xmin::text as row_version from robot
				where fleet_id = ? and status <> 'offline' order by id""").param(fleet.id()).query((rs) -> {
			Start start = new Start(rs.getString("id"), rs.getDouble("x"), rs.getDouble("y"), now,
					rs.getDouble("battery_pct"), rs.getDouble("speed_mps"), capabilities(rs, "capabilities"), 0);
			robots.put(start.robotId(), new Robot(start, rs.getInt("capacity"), rs.getString("row_version")));
		});
		// Started tasks, and assigned ones beyond the batch, stay where they are: they
		// only
		// move the time, place and charge at which their robot is free.
		List<FleetSnapshot.UnstartedTask> unstarted = new ArrayList<>();
		this.jdbc.sql("""
				select id, x, y, dropoff_x, dropoff_y, required_capabilities, estimated_duration_s, priority,
				       deadline, status, robot_id, eta, xmin::text as row_version,
				       status = 'in_progress'
				         or row_number() over (partition by status = 'in_progress'
				           order by priority desc, created_at, id) > ? as fixed
				from task where fleet_id = ? and status in ('queued', 'assigned', 'in_progress')
				order by fixed desc, status = 'in_progress' desc, eta, priority desc, created_at, id""")
			.params(maxTasks, fleet.id())
			.query((rs) -> {
				TaskSpec spec = spec(rs);
				String robot = rs.getString("robot_id");
				if (rs.getBoolean("fixed")) {
					Robot holder = robots.get(robot);
					if (holder != null) {
						holder.hold(spec, instant(rs, "eta"), now);
					}
				}
				else {
					unstarted.add(new FleetSnapshot.UnstartedTask(rs.getObject("id", UUID.class), spec, robot,
							instant(rs, "eta"), rs.getString("row_version")));
				}
			});
		Map<String, FleetSnapshot.PlannedRobot> planned = new HashMap<>();
		robots.forEach((id, robot) -> planned.put(id, robot.planned()));
		return new FleetSnapshot(fleet, now, planned, unstarted);
	}

	private static TaskSpec spec(ResultSet rs) throws SQLException {
		return new TaskSpec(rs.getDouble("x"), rs.getDouble("y"), rs.getObject("dropoff_x", Double.class),
				rs.getObject("dropoff_y", Double.class), capabilities(rs, "required_capabilities"),
				rs.getDouble("estimated_duration_s"), rs.getInt("priority"), instant(rs, "deadline"));
	}

	private static List<String> capabilities(ResultSet rs, String column) throws SQLException {
		return Arrays.asList((String[]) rs.getArray(column).getArray());
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp value = rs.getTimestamp(column);
		return (value != null) ? value.toInstant() : null;
	}

	/** A robot being read: its base moves past each task it keeps. */
	private final class Robot {

		private Start base;

		private final int capacity;

		private final String rowVersion;

		Robot(Start base, int capacity, String rowVersion) {
			this.base = base;
			this.capacity = capacity;
			this.rowVersion = rowVersion;
		}

		void hold(TaskSpec task, Instant eta, Instant now) {
			// Charge for the whole task from where the robot is: pessimistic for a task
			// half done, which errs on the side of keeping the reserve.
			double travelM = Math.hypot(this.base.x() - task.x(), this.base.y() - task.y()) + task.carryM();
			double battery = this.base.batteryPct() - SnapshotReader.this.cost.energyPct(travelM, task.workS());
			Instant free = (eta != null && eta.isAfter(this.base.at())) ? eta : this.base.at();
			this.base = new Start(this.base.robotId(), task.endX(), task.endY(), free.isBefore(now) ? now : free,
					battery, this.base.speedMps(), this.base.capabilities(), this.base.heldTasks() + 1);
		}

		FleetSnapshot.PlannedRobot planned() {
			return new FleetSnapshot.PlannedRobot(this.base, Math.max(0, this.capacity - this.base.heldTasks()),
					this.rowVersion);
		}

	}

}

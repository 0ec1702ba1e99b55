package io.opencontrol.fleet.robots;

import java.util.Map;

import io.opencontrol.fleet.fleets.Fleet;
import io.opencontrol.fleet.fleets.Fleets;
import io.opencontrol.platform.security.CallerRights;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What robots report about themselves: state (pose, battery, status) and heartbeats. A
 * robot speaks only for itself; another robot's id is answered as not existing. Either
 * report counts as a sign of life and brings an offline robot back.
 */
@Service
public class RobotReports {

	private final Robots robots;

	private final Fleets fleets;

	private final JdbcClient jdbc;

	private final JsonMapper json;

	RobotReports(Robots robots, Fleets fleets, JdbcClient jdbc, JsonMapper json) {
		this.robots = robots;
		this.fleets = fleets;
		this.jdbc = jdbc;
		this.json = json;
	}

	@Transactional
	public Robot reportState(CallerRights caller, String id, double x, double y, double batteryPct, String status) {
		Robot robot = ownRobot(caller, id);
		Fleet fleet = this.fleets.get(caller, robot.fleet());
		fleet.requireOnMap("robot " + id, x, y);
		this.jdbc.sql("""
				update robot set x = ?, y = ?, battery_pct = ?, status = ?, last_seen = now(), updated_at = now()
				where id = ?""").params(x, y, batteryPct, status, id).update();
		return this.robots.get(caller, id);
	}

	@Transactional
	public void heartbeat(CallerRights caller, String id, Map<String, String> sensors, String mode, Long backlog) {
		ownRobot(caller, id);
		this.jdbc.sql("""
				insert into robot_heartbeat (robot_id, received_at, sensors, mode, backlog)
				values (?, now(), cast(? as jsonb), ?, ?)
				on conflict (robot_id) do update set received_at = excluded.received_at,
				sensors = excluded.sensors, mode = excluded.mode, backlog = excluded.backlog""")
			.params(id, this.json.writeValueAsString(sensors), mode, backlog)
			.update();
		this.jdbc.sql("""
				update robot set last_seen = now(),
				status = case when status = 'offline' then 'idle' else status end where id = ?""").param(id).update();
	}

	private Robot ownRobot(CallerRights caller, String id) {
		if (!caller.isRobot(id)) {
			throw new RobotNotFound(id);
		}
		return this.robots.get(caller, id);
	}

}

package io.opencontrol.fleet.robots;

import java.time.Instant;
import java.util.Map;

import io.opencontrol.fleet.fleets.Fleet;
import io.opencontrol.fleet.fleets.Fleets;
import io.opencontrol.fleet.replanning.ReplanRequests;
import io.opencontrol.platform.security.CallerRights;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What robots report about themselves: state (pose, battery, status) and heartbeats. A
 * robot speaks only for itself; another robot's id is answered as not existing. Either
 * report counts as a sign of life and brings an offline robot back, and a robot back or
 * newly idle gets its fleet re-planned (queued tasks may now fit it).
 */
@Service
public class RobotReports {

	private final Robots robots;

	private final Fleets fleets;

	private final ReplanRequests replanning;

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final HeartbeatWriter heartbeats;

	RobotReports(Robots robots, Fleets fleets, ReplanRequests replanning, JdbcClient jdbc, JsonMapper json,
			HeartbeatWriter heartbeats) {
		this.robots = robots;
		this.fleets = fleets;
		this.replanning = replanning;
		this.jdbc = jdbc;
		this.json = json;
		this.heartbeats = heartbeats;
	}

	@Transactional
	public Robot reportState(CallerRights caller, String id, double x, double y, double batteryPct, String status) {
		Robot robot = ownRobot(caller, id);
		Fleet fleet = this.fleets.get(caller, robot.fleet());
		fleet.requireOnMap("robot " + id, x, y);
		this.jdbc.sql("""
				update robot set x = ?, y = ?, battery_pct = ?, status = ?, last_seen = now(), updated_at = now()
				where id = ?""").params(x, y, batteryPct, status, id).update();
		if (!status.equals(robot.status()) && ("idle".equals(status) || "offline".equals(robot.status()))) {
			this.replanning.request(robot.fleet());
		}
		return this.robots.get(caller, id);
	}

	/**
	 * Stores the robot's heartbeat (in a group with others arriving at the same time) and
	 * answers once it is committed.
	 */
	public void heartbeat(CallerRights caller, String id, Heartbeat heartbeat) {
		if (!caller.isRobot(id)) {
			throw new RobotNotFound(id);
		}
		HeartbeatWriter.Seen seen = this.heartbeats
			.store(id, caller.canSeeAllFleets(), caller.fleets(), this.json.writeValueAsString(heartbeat.sensors()),
					heartbeat.mode(), heartbeat.circuit(), heartbeat.backlog())
			.orElseThrow(() -> new RobotNotFound(id));
		if ("offline".equals(seen.previousStatus())) {
			this.replanning.request(seen.fleet());
		}
	}

	/** The robot's latest heartbeat, for readers of its fleet. */
	public LastHeartbeat lastHeartbeat(CallerRights caller, String id) {
		this.robots.get(caller, id);
		return this.jdbc
			.sql("select received_at, sensors, mode, circuit, backlog from robot_heartbeat where robot_id = ?")
			.param(id)
			.query((rs, row) -> new LastHeartbeat(rs.getTimestamp(1).toInstant(), sensors(rs.getString(2)),
					rs.getString(3), rs.getString(4), (Long) rs.getObject(5)))
			.optional()
			.orElseThrow(() -> new NoHeartbeatYet(id));
	}

	@SuppressWarnings("unchecked")
	private Map<String, String> sensors(String stored) {
		return this.json.readValue(stored, Map.class);
	}

	private Robot ownRobot(CallerRights caller, String id) {
		if (!caller.isRobot(id)) {
			throw new RobotNotFound(id);
		}
		return this.robots.get(caller, id);
	}

	/**
	 * What an edge gateway says about its robot.
	 *
	 * @param sensors each sensor's health: ok, degraded or failed
	 * @param mode how the robot infers now (cloud, local_only ...), or null
	 * @param circuit the state of its circuit to the cloud, or null
	 * @param backlog telemetry records it holds that the cloud has not confirmed, or null
	 */
	public record Heartbeat(Map<String, String> sensors, String mode, String circuit, Long backlog) {
	}

	/** A heartbeat as stored, with when it arrived. */
	public record LastHeartbeat(Instant receivedAt, Map<String, String> sensors, String mode, String circuit,
			Long backlog) {
	}

}

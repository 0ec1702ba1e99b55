package io.opencontrol.fleet.assignment;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Finds the cheapest robot that can take a task now, evaluating {@link CostModel}'s
 * formula for every robot of the fleet inside PostgreSQL, so a request reads one row
 * however large the fleet is. Robots that are offline, at capacity, lacking a capability
 * or short of charge are not candidates.
 */
@Component
class CandidateSearch {

	private static final String CHEAPEST = """
			select r.id, a.wait_s, b.travel_s, b.energy_pct, a.battery_pct - b.energy_pct as battery_after_pct,
			       c.lateness_s, r.active_tasks,
			       (:w_time * c.busy_s + :w_lateness * c.lateness_s) * :priority_factor
			         + :w_busyness * r.active_tasks + :w_energy * b.energy_pct as total
			from robot r
			cross join lateral (select
			       greatest(0, date_part('epoch', coalesce(r.free_at, :now) - :now)) as wait_s,
			       sqrt(power(coalesce(r.free_x, r.x) - :x, 2) + power(coalesce(r.free_y, r.y) - :y, 2))
			         + :carry_m as travel_m,
			       coalesce(r.free_battery_pct, r.battery_pct) as battery_pct) a
			cross join lateral (select a.travel_m / r.speed_mps as travel_s,
			       a.travel_m * :drain_m + :work_s * :drain_s as energy_pct) b
			cross join lateral (select a.wait_s + b.travel_s + :work_s as busy_s) b2
			cross join lateral (select b2.busy_s,
			       case when cast(:deadline_s as float8) is null then 0
			            else greatest(0, b2.busy_s - :deadline_s) end as lateness_s) c
			where r.fleet_id = :fleet and r.status <> 'offline' and r.active_tasks < r.capacity
			  and r.capabilities @> cast(:capabilities as text[])
			  and a.battery_pct - b.energy_pct - :to_charger_m * :drain_m >= :reserve
			order by total, r.id
			limit 1""";

	private final JdbcClient jdbc;

	private final AssignmentProperties properties;

	CandidateSearch(JdbcClient jdbc, AssignmentProperties properties) {
		this.jdbc = jdbc;
		this.properties = properties;
	}

	Optional<Candidate> cheapest(String fleet, TaskSpec task, double toChargerM, Instant now) {
		AssignmentProperties.Weights weights = this.properties.weights();
		AssignmentProperties.Battery battery = this.properties.battery();
		Double deadlineS = (task.deadline() != null) ? CostModel.seconds(now, task.deadline()) : null;
		return this.jdbc.sql(CHEAPEST)
			.param("fleet", fleet)
			.param("now", Timestamp.from(now))
			.param("x", task.x())
			.param("y", task.y())
			.param("carry_m", task.carryM())
			.param("work_s", task.workS())
			.param("deadline_s", deadlineS)
			.param("capabilities", task.requiredCapabilities().toArray(String[]::new))
			.param("to_charger_m", toChargerM)
			.param("drain_m", battery.drainPerMetrePct())
			.param("drain_s", battery.drainPerWorkSecondPct())
			.param("reserve", battery.reservePct())
			.param("w_time", weights.time())
			.param("w_lateness", weights.lateness())
			.param("w_busyness", weights.busyness())
			.param("w_energy", weights.energy())
			.param("priority_factor", 1 + weights.priority() * task.priority())
			.query((rs, row) -> {
				double waitS = rs.getDouble("wait_s");
				double travelS = rs.getDouble("travel_s");
				Instant finish = now.plusNanos(Math.round((waitS + travelS + task.workS()) * 1e9));
				return new Candidate(rs.getString("id"),
						new Score(waitS, travelS, task.workS(), rs.getDouble("lateness_s"),
								1 + weights.priority() * task.priority(),
								weights.busyness() * rs.getInt("active_tasks"), rs.getDouble("energy_pct"),
								rs.getDouble("battery_after_pct"), rs.getDouble("total"), finish));
			})
			.optional();
	}

	/** A robot that can take the task now, and what it would cost. */
	record Candidate(String robotId, Score score) {
	}

}

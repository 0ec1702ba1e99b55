package io.opencontrol.fleet.assignment;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Finds the cheapest robot that can take a task now, evaluating {@link CostModel}'s
 * formula inside PostgreSQL so that a request reads one row however large the fleet is.
 * Robots that are offline, at capacity, lacking a capability or short of charge are not
 * candidates. A candidate remembers the version of its robot's row, so a search made
 * before the fleet's lock can be checked under it.
 * <p>
 * It first scores only the 16 eligible robots nearest to the task (by where each is free
 * next, from a nearest-neighbour index). That answer is the fleet's cheapest when no
 * robot further away could beat it, which {@link CostModel#lowerBound} decides; otherwise
 * the nearest 64, then 1,024 are scored the same way, and only if that cannot decide
 * either, every robot of the fleet. Every way gives the same robot; the wider rings only
 * cost more (the index scan's cost grows with the ring: about 0.2 ms for 16 robots and
 * 0.8 ms for 64 in a fleet of 10,000). How often each ring decided is counted in
 * {@code opencontrol.assignment.search}.
 * <p>
 * The searches run with generic plans: planning them afresh for each request
 * (PostgreSQL's choice here) costs more than running them. A generic plan cannot see
 * which fleet is asked about, and guesses how many robots pass the eligibility filter
 * from the table's averages (a capability filter on an unknown array: 1 in 200). With a
 * large fleet among smaller ones, or after statistics that happened to be gathered early,
 * that guess is a handful of robots, and reading and sorting all of them looks cheaper
 * than walking the index; at 10,000 robots it took 9.6 ms instead of 0.2 ms, and the
 * benchmark saw it on some days and not on others. Sorting is therefore off for these
 * statements: a ring has only the index walk left, and the sorts that have no alternative
 * (the cheapest of a ring, of the whole fleet) stay. Before version 18, PostgreSQL marks
 * such a sort by adding 10^10 to the plan's cost, which would also make it JIT-compile
 * each statement (0.8 s on PostgreSQL 15); these statements take a millisecond, so JIT is
 * off for them too.
 */
@Component
class CandidateSearch {

	/** How many nearest robots are scored before the whole fleet is. */
	static final int[] RINGS = { 16, 64, 1024 };

	private static final String ELIGIBLE = """
			r.fleet_id = :fleet and r.status <> 'offline' and r.active_tasks < r.capacity
			  and r.capabilities @> cast(:capabilities as text[])""";

	private static final String SCORED = """
			select r.id, r.row_version, a.wait_s, b.travel_s, b.energy_pct, a.battery_pct - b.energy_pct as battery_after_pct,
			       c.lateness_s, r.active_tasks,
			       (:w_time * c.busy_s + :w_lateness * c.lateness_s) * :priority_factor
			         + :w_busyness * r.active_tasks + :w_energy * b.energy_pct as total
			from %s r
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
			where %s a.battery_pct - b.energy_pct - :to_charger_m * :drain_m >= :reserve
			order by total, r.id
			limit 1""";

	private static final String WHOLE_FLEET = SCORED
		.formatted("(select robot.*, robot.xmin::text as row_version from robot)", ELIGIBLE + " and");

	/**
	 * Settings for the rest of the transaction (an assignment's, whose other statements
	 * sort nothing); see the class comment.
	 */
	static final String PLANNER_SETTINGS = """
			select set_config('plan_cache_mode', 'force_generic_plan', true), set_config('enable_sort', 'off', true),
			       set_config('jit', 'off', true)""";

	static final String NEAREST_FIRST = """
			with near as (
			    select r.*, r.xmin::text as row_version from robot r where %s
			    order by point(coalesce(r.free_x, r.x), coalesce(r.free_y, r.y)) <-> point(:x, :y)
			    limit :nearest
			), best as (%s)
			select n.considered, n.horizon_m, n.fastest_mps, best.*
			from (select count(*) as considered,
			             max(point(coalesce(free_x, x), coalesce(free_y, y)) <-> point(:x, :y)) as horizon_m,
			             (select max(speed_mps) from robot where fleet_id = :fleet) as fastest_mps
			      from near) n
			left join best on true""".formatted(ELIGIBLE, SCORED.formatted("near", ""));

	private final JdbcClient jdbc;

	private final AssignmentProperties properties;

	private final CostModel costs;

	/** By ring, then the whole fleet: how many searches it decided. */
	private final Counter[] decidedBy;

	CandidateSearch(JdbcClient jdbc, AssignmentProperties properties, CostModel costs, MeterRegistry meters) {
		this.jdbc = jdbc;
		this.properties = properties;
		this.costs = costs;
		this.decidedBy = new Counter[RINGS.length + 1];
		for (int i = 0; i <= RINGS.length; i++) {
			this.decidedBy[i] = Counter.builder("opencontrol.assignment.search")
				.description("Robot searches by how many of the nearest robots were scored when it was decided")
				.tag("scored", (i < RINGS.length) ? Integer.toString(RINGS[i]) : "fleet")
				.register(meters);
		}
	}

	/** Must run in a transaction. */
	Optional<Candidate> cheapest(String fleet, TaskSpec task, double toChargerM, Instant now) {
		this.jdbc.sql(PLANNER_SETTINGS).query().listOfRows();
		for (int i = 0; i < RINGS.length; i++) {
			int ring = RINGS[i];
			Nearest nearest = query(NEAREST_FIRST, fleet, task, toChargerM, now).param("nearest", ring)
				.query((rs, row) -> new Nearest(rs.getInt("considered"), rs.getDouble("horizon_m"),
						rs.getDouble("fastest_mps"), (rs.getString("id") != null) ? candidate(rs, task, now) : null))
				.single();
			if (nearest.considered() < ring) {
				// Every eligible robot of the fleet was scored.
				this.decidedBy[i].increment();
				return Optional.ofNullable(nearest.best());
			}
			if (nearest.best() != null && nearest.best().score().total() < this.costs.lowerBound(task,
					nearest.horizonM(), nearest.fastestMps(), now)) {
				this.decidedBy[i].increment();
				return Optional.of(nearest.best());
			}
		}
		this.decidedBy[RINGS.length].increment();
		return query(WHOLE_FLEET, fleet, task, toChargerM, now).query((rs, row) -> candidate(rs, task, now)).optional();
	}

	private JdbcClient.StatementSpec query(String sql, String fleet, TaskSpec task, double toChargerM, Instant now) {
		AssignmentProperties.Weights weights = this.properties.weights();
		AssignmentProperties.Battery battery = this.properties.battery();
		Double deadlineS = (task.deadline() != null) ? CostModel.seconds(now, task.deadline()) : null;
		return this.jdbc.sql(sql)
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
			.param("priority_factor", 1 + weights.priority() * task.priority());
	}

	private Candidate candidate(ResultSet rs, TaskSpec task, Instant now) throws SQLException {
		AssignmentProperties.Weights weights = this.properties.weights();
		double waitS = rs.getDouble("wait_s");
		double travelS = rs.getDouble("travel_s");
		Instant finish = now.plusNanos(Math.round((waitS + travelS + task.workS()) * 1e9));
		return new Candidate(rs.getString("id"), rs.getString("row_version"),
				new Score(waitS, travelS, task.workS(), rs.getDouble("lateness_s"),
						1 + weights.priority() * task.priority(), weights.busyness() * rs.getInt("active_tasks"),
						rs.getDouble("energy_pct"), rs.getDouble("battery_after_pct"), rs.getDouble("total"), finish));
	}

	/**
	 * A robot that can take the task now, and what it would cost.
	 *
	 * @param rowVersion the version of the robot's row the score was computed from
	 */
	record Candidate(String robotId, String rowVersion, Score score) {
	}

	/**
	 * The nearest robots' answer: how many were scored, how far the furthest of them is,
	 * the fleet's top speed, and the cheapest of them (null if none can take the task).
	 */
	private record Nearest(int considered, double horizonM, double fastestMps, Candidate best) {
	}

}

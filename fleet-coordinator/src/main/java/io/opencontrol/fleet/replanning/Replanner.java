package io.opencontrol.fleet.replanning;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opencontrol.fleet.assignment.AssignmentLedger;
import io.opencontrol.fleet.assignment.AssignmentProperties;
import io.opencontrol.fleet.assignment.CostModel;
import io.opencontrol.fleet.assignment.Score;
import io.opencontrol.fleet.assignment.Start;
import io.opencontrol.fleet.events.FleetEvents;
import io.opencontrol.fleet.fleets.Fleet;
import io.opencontrol.fleet.fleets.Fleets;
import io.opencontrol.fleet.tasks.Task;
import io.opencontrol.fleet.tasks.Tasks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Re-plans one fleet's unstarted tasks: plans from a snapshot without holding the fleet's
 * lock, then applies the plan under the lock only if nothing it rewrites changed in
 * between (else plans again). Started tasks never move.
 */
@Component
public class Replanner {

	private static final Logger logger = LoggerFactory.getLogger(Replanner.class);

	private static final int ATTEMPTS = 3;

	/** Estimated completions that shift less than this are left as they are. */
	private static final Duration ETA_TOLERANCE = Duration.ofSeconds(1);

	private final SnapshotReader snapshots;

	private final Planner planner;

	private final int maxTasks;

	private final Fleets fleets;

	private final AssignmentLedger ledger;

	private final FleetEvents events;

	private final Tasks tasks;

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final Timer duration;

	private final Counter moves;

	Replanner(SnapshotReader snapshots, CostModel cost, AssignmentProperties properties, Fleets fleets,
			AssignmentLedger ledger, FleetEvents events, Tasks tasks, JdbcClient jdbc, TransactionTemplate transactions,
			MeterRegistry meters) {
		this.snapshots = snapshots;
		this.planner = new Planner(cost, properties.replanning().minImprovement());
		this.maxTasks = properties.replanning().maxTasks();
		this.fleets = fleets;
		this.ledger = ledger;
		this.events = events;
		this.tasks = tasks;
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.duration = Timer.builder("opencontrol.replanning.duration")
			.description("Time to plan and apply one fleet's unstarted tasks")
			.register(meters);
		this.moves = Counter.builder("opencontrol.replanning.moves")
			.description("Assigned tasks moved to another robot by re-planning")
			.register(meters);
	}

	/**
	 * Re-plans the fleet now.
	 * @return what was decided, or {@code null} if the fleet kept changing under the
	 * planner (the next request tries again)
	 */
	public Planner.Decision replan(String fleetId) {
		return this.duration.record(() -> {
			for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
				Fleet fleet = this.fleets.find(fleetId).orElse(null);
				if (fleet == null) {
					return null;
				}
				FleetSnapshot snapshot = this.snapshots.read(fleet, this.maxTasks);
				Planner.Decision decision = this.planner.plan(snapshot);
				Boolean applied = this.transactions.execute((status) -> apply(snapshot, decision.chosen()));
				if (Boolean.TRUE.equals(applied)) {
					logger.debug("Fleet {} planned: kept {}, afresh {}, applied {}", fleetId, decision.kept().cost(),
							decision.fresh().cost(), decision.chosen().cost());
					return decision;
				}
			}
			logger.info("Fleet {} changed during each of {} re-planning attempts; left for the next", fleetId,
					ATTEMPTS);
			return null;
		});
	}

	/**
	 * Applies the plan under the fleet's lock if no robot whose schedule it rewrites, and
	 * no task of those robots, changed since the snapshot. Changes elsewhere in the fleet
	 * do not matter: a fleet taking assignments all the time is still re-planned.
	 * @return whether it was applied; must run in a transaction
	 */
	boolean apply(FleetSnapshot snapshot, Plan plan) {
		this.fleets.lock(snapshot.fleet().id());
		Map<UUID, Score> rescheduled = new LinkedHashMap<>();
		List<FleetSnapshot.UnstartedTask> moved = new ArrayList<>();
		Set<String> touched = new TreeSet<>();
		for (FleetSnapshot.UnstartedTask task : snapshot.unstarted()) {
			Plan.Placement placement = plan.placements().get(task.id());
			String robot = (placement != null) ? placement.robot() : null;
			if (!Objects.equals(robot, task.robot())) {
				moved.add(task);
				Stream.of(task.robot(), robot).filter(Objects::nonNull).forEach(touched::add);
			}
			else if (placement != null && (task.eta() == null
					|| Duration.between(task.eta(), placement.score().finish()).abs().compareTo(ETA_TOLERANCE) > 0)) {
				rescheduled.put(task.id(), placement.score());
				touched.add(robot);
			}
		}
		if (touched.isEmpty()) {
			return true;
		}
		if (!unchangedSince(snapshot, touched, plan)) {
			return false;
		}
		this.ledger.reschedule(rescheduled);
		for (FleetSnapshot.UnstartedTask task : moved) {
			Plan.Placement placement = plan.placements().get(task.id());
			if (task.robot() != null) {
				withdraw(task.id(), task.robot(), placement == null);
				this.moves.increment();
			}
			if (placement != null) {
				this.ledger.open(task.id(), placement.robot(), placement.score(), "replanned");
				this.events.record("assigned", placement.robot(), this.tasks.find(task.id()).orElseThrow(),
						"replanned");
			}
		}
		List<Start> busy = new ArrayList<>();
		for (String robot : touched) {
			Start end = plan.ends().get(robot);
			if (end == null) {
				continue; // offline: it is projected again when it comes back and is
							// planned
			}
			if (end.heldTasks() > 0) {
				busy.add(end);
			}
			else {
				this.ledger.free(robot);
			}
		}
		this.ledger.project(busy);
		return true;
	}

	/**
	 * Whether the touched robots' rows, and the rows of every task of the batch that was
	 * or is planned on one of them, are still the versions the snapshot read.
	 */
	private boolean unchangedSince(FleetSnapshot snapshot, Set<String> touched, Plan plan) {
		List<String> robots = new ArrayList<>();
		List<String> robotVersions = new ArrayList<>();
		for (String robot : touched) {
			FleetSnapshot.PlannedRobot read = snapshot.robots().get(robot);
			if (read != null) {
				robots.add(robot);
				robotVersions.add(read.rowVersion());
			}
		}
		List<String> tasks = new ArrayList<>();
		List<String> taskVersions = new ArrayList<>();
		for (FleetSnapshot.UnstartedTask task : snapshot.unstarted()) {
			Plan.Placement placement = plan.placements().get(task.id());
			boolean wasOnTouched = task.robot() != null && touched.contains(task.robot());
			if (wasOnTouched || (placement != null && touched.contains(placement.robot()))) {
				tasks.add(task.id().toString());
				taskVersions.add(task.rowVersion());
			}
		}
		return this.jdbc.sql("""
				select (select count(*) from robot r
				        join unnest(cast(:robots as text[]), cast(:robot_versions as text[])) v(id, version)
				          on r.id = v.id and r.xmin::text = v.version) = :robot_count
				   and (select count(*) from task t
				        join unnest(cast(:tasks as uuid[]), cast(:task_versions as text[])) v(id, version)
				          on t.id = v.id and t.xmin::text = v.version) = :task_count""")
			.param("robots", robots.toArray(String[]::new))
			.param("robot_versions", robotVersions.toArray(String[]::new))
			.param("robot_count", robots.size())
			.param("tasks", tasks.toArray(String[]::new))
			.param("task_versions", taskVersions.toArray(String[]::new))
			.param("task_count", tasks.size())
			.query(Boolean.class)
			.single();
	}

	private void withdraw(UUID task, String robot, boolean backToQueue) {
		this.ledger.close(task, "moved");
		if (backToQueue) {
			this.ledger.requeue(task);
		}
		Task withdrawn = this.tasks.find(task).orElseThrow();
		this.events.record("withdrawn", robot, withdrawn, "replanned");
		if (backToQueue) {
			this.events.record("queued", null, withdrawn, "replanned");
		}
	}

	/** Fleets with unstarted tasks. */
	Set<String> fleetsWithUnstartedTasks() {
		return new HashSet<>(this.jdbc.sql("select distinct fleet_id from task where status in ('queued', 'assigned')")
			.query(String.class)
			.list());
	}

}

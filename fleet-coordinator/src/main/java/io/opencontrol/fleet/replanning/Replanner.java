package io.opencontrol.fleet.replanning;

import java.time.Duration;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opencontrol.fleet.assignment.AssignmentLedger;
import io.opencontrol.fleet.assignment.AssignmentProperties;
import io.opencontrol.fleet.assignment.CostModel;
import io.opencontrol.fleet.assignment.Start;
import io.opencontrol.fleet.events.FleetEvents;
import io.opencontrol.fleet.fleets.Fleet;
import io.opencontrol.fleet.fleets.Fleets;
import io.opencontrol.fleet.fleets.LockedFleet;
import io.opencontrol.fleet.tasks.Task;
import io.opencontrol.fleet.tasks.Tasks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Re-plans one fleet's unstarted tasks: plans from a snapshot without holding the fleet's
 * lock, then applies the plan under the lock only if no task of the fleet changed in
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

	private boolean apply(FleetSnapshot snapshot, Plan plan) {
		LockedFleet locked = this.fleets.lock(snapshot.fleet().id());
		long version = this.jdbc.sql("select coalesce(max(id), 0) from fleet_event where fleet_id = ?")
			.param(locked.fleet().id())
			.query(Long.class)
			.single();
		if (version != snapshot.version()) {
			return false;
		}
		Set<String> touched = new HashSet<>();
		for (FleetSnapshot.UnstartedTask task : snapshot.unstarted()) {
			Plan.Placement placement = plan.placements().get(task.id());
			String robot = (placement != null) ? placement.robot() : null;
			if (Objects.equals(robot, task.robot())) {
				if (placement != null && (task.eta() == null || Duration.between(task.eta(), placement.score().finish())
					.abs()
					.compareTo(ETA_TOLERANCE) > 0)) {
					this.ledger.reschedule(task.id(), placement.score());
					touched.add(robot);
				}
				continue;
			}
			if (task.robot() != null) {
				withdraw(task.id(), task.robot(), robot == null);
				touched.add(task.robot());
				this.moves.increment();
			}
			if (placement != null) {
				this.ledger.open(task.id(), robot, placement.score(), "replanned");
				this.events.record("assigned", robot, this.tasks.find(task.id()).orElseThrow(), "replanned");
				touched.add(robot);
			}
		}
		for (String robot : touched) {
			Start end = plan.ends().get(robot);
			if (end == null) {
				continue; // offline: it is projected again when it comes back and is
							// planned
			}
			if (end.heldTasks() > 0) {
				this.ledger.project(robot, end.x(), end.y(), end.at(), end.batteryPct());
			}
			else {
				this.ledger.free(robot);
			}
		}
		return true;
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

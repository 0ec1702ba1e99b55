package io.opencontrol.fleet.liveness;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.opencontrol.fleet.assignment.AssignmentLedger;
import io.opencontrol.fleet.events.FleetEvents;
import io.opencontrol.fleet.fleets.Fleets;
import io.opencontrol.fleet.replanning.ReplanRequests;
import io.opencontrol.fleet.tasks.Task;
import io.opencontrol.fleet.tasks.Tasks;
import io.opencontrol.platform.scheduling.FixedDelayTask;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Marks robots offline whose last report (state report or heartbeat) is older than the
 * heartbeat timeout, by the database's clock (the one both are written with, so replicas
 * agree), fleet by fleet under the fleet's lock. Their unstarted tasks go back to the
 * queue and the fleet is re-planned, so other robots take them; started tasks stay with
 * their robot. Heartbeats do not lock the robot's row, so one committed while a sweep
 * runs can be missed by it: the robot was stale until then, and that heartbeat's
 * successor brings it back.
 */
@Component
class RobotLiveness extends FixedDelayTask {

	RobotLiveness(JdbcClient jdbc, LivenessProperties properties, Fleets fleets, AssignmentLedger ledger,
			FleetEvents events, Tasks tasks, ReplanRequests replanning, TransactionTemplate transactions,
			MeterRegistry meters) {
		super("robot-liveness", properties.checkInterval(),
				new Sweep(jdbc, properties.heartbeatTimeout().toMillis() / 1000.0, fleets, ledger, events, tasks,
						replanning, transactions, meters)::run);
	}

	private record Sweep(JdbcClient jdbc, double timeoutS, Fleets fleets, AssignmentLedger ledger, FleetEvents events,
			Tasks tasks, ReplanRequests replanning, TransactionTemplate transactions, Counter wentOffline) {

		Sweep(JdbcClient jdbc, double timeoutS, Fleets fleets, AssignmentLedger ledger, FleetEvents events, Tasks tasks,
				ReplanRequests replanning, TransactionTemplate transactions, MeterRegistry meters) {
			this(jdbc, timeoutS, fleets, ledger, events, tasks, replanning, transactions,
					Counter.builder("opencontrol.robots.went.offline")
						.description("Robots marked offline because their heartbeat went stale")
						.register(meters));
		}

		void run() {
			List<String> affected = this.jdbc
				.sql("""
						select distinct r.fleet_id from robot r left join robot_heartbeat h on h.robot_id = r.id
						where r.status <> 'offline'
						and coalesce(greatest(h.received_at, r.last_seen), r.created_at) < now() - make_interval(secs => ?)""")
				.param(this.timeoutS)
				.query(String.class)
				.list();
			for (String fleet : affected) {
				this.transactions.executeWithoutResult((status) -> offline(fleet));
			}
		}

		private void offline(String fleet) {
			this.fleets.lock(fleet);
			List<String> stale = this.jdbc.sql("""
					update robot r set status = 'offline', updated_at = now()
					where r.fleet_id = ? and r.status <> 'offline'
					and coalesce(greatest((select h.received_at from robot_heartbeat h where h.robot_id = r.id),
					                      r.last_seen), r.created_at) < now() - make_interval(secs => ?)
					returning r.id""").params(fleet, this.timeoutS).query(String.class).list();
			this.wentOffline.increment(stale.size());
			List<Map.Entry<UUID, String>> withdrawn = this.jdbc
				.sql("select id, robot_id from task where robot_id = any (?) and status = 'assigned' order by eta")
				.param(stale.toArray(String[]::new))
				.query((rs, row) -> Map.entry(rs.getObject("id", UUID.class), rs.getString("robot_id")))
				.list();
			for (Map.Entry<UUID, String> task : withdrawn) {
				this.ledger.close(task.getKey(), "robot_offline");
				this.ledger.requeue(task.getKey());
				Task queued = this.tasks.find(task.getKey()).orElseThrow();
				this.events.record("withdrawn", task.getValue(), queued, "robot offline");
				this.events.record("queued", null, queued, "robot offline");
			}
			// Without its queue the robot is free when its started tasks end; the next
			// plan
			// that gives it work projects it again.
			this.jdbc.sql("""
					update robot set free_at = null, free_x = null, free_y = null, free_battery_pct = null
					where id = any (?) and active_tasks = 0""").param(stale.toArray(String[]::new)).update();
			if (!withdrawn.isEmpty()) {
				this.replanning.request(fleet);
			}
		}

	}

}

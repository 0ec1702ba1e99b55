package io.opencontrol.fleet.robots;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Stores heartbeats in groups: a request hands its heartbeat over and waits, and one
 * writer thread stores everything that arrived while the previous group was being
 * written, in one statement and one commit. A lone heartbeat is written at once (there is
 * no timer); under load the groups grow with it, which is what lets a fleet of thousands
 * of robots beat every few seconds without a statement and a commit each.
 * <p>
 * A request is answered only after its group has committed, so a 204 still means the
 * heartbeat is stored.
 */
@Component
class HeartbeatWriter implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(HeartbeatWriter.class);

	/** Bounds one statement; a larger backlog is written as several groups. */
	static final int MAX_GROUP = 512;

	private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(30);

	/**
	 * A heartbeat writes only its robot_heartbeat row, in robot id order, so two
	 * replicas' groups wait for each other instead of deadlocking. The robot's own row is
	 * only key-share locked (it cannot be deleted meanwhile), so a group never waits for
	 * the planner or an assignment holding a robot, and a robot's row version (which an
	 * assignment's early choice is checked against) does not change with every beat; the
	 * row is written only to bring an offline robot back. Liveness reads
	 * {@code received_at}.
	 */
	private static final String STORE = """
			with beat as (
			    select * from unnest(cast(:ids as text[]), cast(:everywhere as boolean[]), cast(:fleets as text[]),
			                         cast(:sensors as text[]), cast(:modes as text[]), cast(:circuits as text[]),
			                         cast(:backlogs as bigint[]))
			      as b(robot_id, everywhere, fleets, sensors, mode, circuit, backlog)
			), own as (
			    select r.id, r.fleet_id, r.status from robot r join beat b on b.robot_id = r.id
			    where b.everywhere or r.fleet_id = any (string_to_array(b.fleets, ','))
			    for key share of r
			), stored as (
			    insert into robot_heartbeat (robot_id, received_at, sensors, mode, circuit, backlog)
			    select b.robot_id, now(), cast(b.sensors as jsonb), b.mode, b.circuit, b.backlog
			    from beat b join own on own.id = b.robot_id
			    order by b.robot_id
			    on conflict (robot_id) do update set received_at = excluded.received_at,
			    sensors = excluded.sensors, mode = excluded.mode, circuit = excluded.circuit,
			    backlog = excluded.backlog
			), back as (
			    update robot set status = 'idle', updated_at = now()
			    from own where robot.id = own.id and robot.status = 'offline'
			)
			select own.id, own.fleet_id, own.status from own""";

	private final JdbcClient jdbc;

	// Unbounded on purpose: every entry is a request thread waiting for its answer, so
	// the server's request threads bound it.
	private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();

	private volatile boolean running;

	private Thread writer;

	HeartbeatWriter(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Stores the heartbeat of a robot within the caller's fleets, waiting until it is
	 * committed.
	 * @param sensorsJson the sensors' health as a JSON object
	 * @return the robot's fleet and its status before this heartbeat, or empty if the
	 * robot does not exist within the caller's fleets
	 */
	Optional<Seen> store(String robot, boolean everywhere, List<String> fleets, String sensorsJson, String mode,
			String circuit, Long backlog) {
		Pending pending = new Pending(robot, everywhere, String.join(",", fleets), sensorsJson, mode, circuit, backlog,
				new CompletableFuture<>());
		if (!this.running) {
			throw new TransientDataAccessResourceException("The heartbeat writer is stopped");
		}
		this.queue.add(pending);
		try {
			return pending.answer().get(ANSWER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof RuntimeException failure) {
				throw failure;
			}
			throw new IllegalStateException(ex.getCause());
		}
		catch (TimeoutException ex) {
			throw new QueryTimeoutException("The heartbeat was not stored within " + ANSWER_TIMEOUT);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new TransientDataAccessResourceException("Interrupted while storing a heartbeat");
		}
	}

	private void writeUntilStopped() {
		List<Pending> group = new ArrayList<>(MAX_GROUP);
		while (this.running || !this.queue.isEmpty()) {
			try {
				Pending first = this.queue.poll(100, TimeUnit.MILLISECONDS);
				if (first == null) {
					continue;
				}
				group.add(first);
				this.queue.drainTo(group, MAX_GROUP - 1);
				write(group);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
			catch (RuntimeException ex) {
				logger.warn("Storing {} heartbeats failed: {}", group.size(), ex.toString());
				group.forEach((pending) -> pending.answer().completeExceptionally(ex));
			}
			group.clear();
		}
		List<Pending> left = new ArrayList<>();
		this.queue.drainTo(left);
		left.forEach((pending) -> pending.answer()
			.completeExceptionally(new TransientDataAccessResourceException("The heartbeat writer is stopped")));
	}

	/**
	 * Writes the group, one row per robot. Should one robot appear twice, its later
	 * heartbeat is the one kept and both requests get its answer; the same robot under a
	 * different scope is written in a later round, so nobody is answered for a scope it
	 * does not have.
	 */
	private void write(List<Pending> group) {
		List<Pending> rest = group;
		while (!rest.isEmpty()) {
			Map<String, Pending> latest = new LinkedHashMap<>();
			List<Pending> now = new ArrayList<>();
			List<Pending> later = new ArrayList<>();
			for (Pending pending : rest) {
				Pending earlier = latest.get(pending.robot());
				if (earlier != null && !earlier.sameScope(pending)) {
					later.add(pending);
				}
				else {
					latest.put(pending.robot(), pending);
					now.add(pending);
				}
			}
			Map<String, Seen> seen = storeOnce(new ArrayList<>(latest.values()));
			now.forEach((pending) -> pending.answer().complete(Optional.ofNullable(seen.get(pending.robot()))));
			rest = later;
		}
	}

	private Map<String, Seen> storeOnce(List<Pending> rows) {
		try {
			return execute(rows);
		}
		catch (TransientDataAccessException ex) {
			// A deadlock with another writer or a dropped connection: the group is
			// tried once more before its requests are failed.
			logger.debug("Retrying {} heartbeats after {}", rows.size(), ex.toString());
			return execute(rows);
		}
	}

	private Map<String, Seen> execute(List<Pending> rows) {
		int size = rows.size();
		String[] ids = new String[size];
		Boolean[] everywhere = new Boolean[size];
		String[] fleets = new String[size];
		String[] sensors = new String[size];
		String[] modes = new String[size];
		String[] circuits = new String[size];
		Long[] backlogs = new Long[size];
		for (int i = 0; i < size; i++) {
			Pending row = rows.get(i);
			ids[i] = row.robot();
			everywhere[i] = row.everywhere();
			fleets[i] = row.fleets();
			sensors[i] = row.sensorsJson();
			modes[i] = row.mode();
			circuits[i] = row.circuit();
			backlogs[i] = row.backlog();
		}
		Map<String, Seen> seen = new HashMap<>();
		this.jdbc.sql(STORE)
			.param("ids", ids)
			.param("everywhere", everywhere)
			.param("fleets", fleets)
			.param("sensors", sensors)
			.param("modes", modes)
			.param("circuits", circuits)
			.param("backlogs", backlogs)
			.query((rs) -> {
				seen.put(rs.getString(1), new Seen(rs.getString(2), rs.getString(3)));
			});
		return seen;
	}

	@Override
	public void start() {
		this.running = true;
		this.writer = new Thread(this::writeUntilStopped, "heartbeat-writer");
		this.writer.start();
	}

	/** Stores what is queued, then stops; it stops after the web server has drained. */
	@Override
	public void stop() {
		this.running = false;
		Thread stopping = this.writer;
		if (stopping != null) {
			try {
				stopping.join(ANSWER_TIMEOUT.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return 0;
	}

	/** What storing a heartbeat found: the robot's fleet and its status before. */
	record Seen(String fleet, String previousStatus) {
	}

	private record Pending(String robot, boolean everywhere, String fleets, String sensorsJson, String mode,
			String circuit, Long backlog, CompletableFuture<Optional<Seen>> answer) {

		boolean sameScope(Pending other) {
			return this.everywhere == other.everywhere && this.fleets.equals(other.fleets);
		}

	}

}

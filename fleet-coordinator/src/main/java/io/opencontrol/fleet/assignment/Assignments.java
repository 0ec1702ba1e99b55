package io.opencontrol.fleet.assignment;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

import io.opencontrol.fleet.events.FleetEvents;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.opencontrol.fleet.fleets.Fleet;
import io.opencontrol.fleet.fleets.FleetAsOf;
import io.opencontrol.fleet.fleets.FleetNotFound;
import io.opencontrol.fleet.fleets.Fleets;
import io.opencontrol.fleet.fleets.LockedFleet;
import io.opencontrol.fleet.tasks.Task;
import io.opencontrol.platform.security.CallerRights;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code POST /assign_task}: the task is stored and given to the cheapest robot that can
 * do it now, or queued when none can yet. With an Idempotency-Key, a repetition of the
 * same request gets the first answer.
 * <p>
 * Every change to a fleet's tasks takes the fleet's lock, so changes and their events
 * commit one after another; assignments to one fleet therefore take turns, and how long
 * each holds the lock bounds how many a fleet takes per second. Searching is most of an
 * assignment's work, so it is done first, without the lock. The choice is then stored in
 * one statement that takes the fleet's lock, stores only if the fleet and the chosen
 * robot's row are still the versions the search read, and commits: the lock is held for
 * that statement and its commit, with no round trip to this process in between. A robot
 * that became cheaper in those few milliseconds is not reconsidered, exactly as if it had
 * changed just after the store.
 * <p>
 * When the choice is stale (an assignment to the same robot committed in between), when
 * no robot can take the task now, or when the request has an Idempotency-Key (its stored
 * answer must be looked up under the lock), the decision is made in a transaction that
 * holds the fleet's lock throughout, as every other change to the fleet's tasks is.
 */
@Service
public class Assignments {

	private final Fleets fleets;

	private final CandidateSearch candidates;

	private final Feasibility feasibility;

	private final IdempotentRequests idempotent;

	private final FleetEvents events;

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final JsonMapper json;

	private final Counter searchedAgain;

	Assignments(Fleets fleets, CandidateSearch candidates, Feasibility feasibility, IdempotentRequests idempotent,
			FleetEvents events, JdbcClient jdbc, TransactionTemplate transactions, JsonMapper json,
			MeterRegistry meters) {
		this.fleets = fleets;
		this.candidates = candidates;
		this.feasibility = feasibility;
		this.idempotent = idempotent;
		this.events = events;
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.json = json;
		this.searchedAgain = Counter.builder("opencontrol.assignment.searched.again")
			.description("Assignments whose search before the fleet's lock was stale (or found no robot) "
					+ "and was made again under the lock")
			.register(meters);
	}

	/**
	 * Assigns or queues the task.
	 * @param caller who asks (its fleet scope applies)
	 * @param idempotencyKey the request's key, or {@code null}
	 * @param request the task
	 * @return the answer, and whether it repeats an earlier one
	 */
	public Answered assign(CallerRights caller, String idempotencyKey, TaskRequest request) {
		if (!caller.canSee(request.fleet())) {
			throw new FleetNotFound(request.fleet());
		}
		Searched early = this.transactions.execute((status) -> search(request));
		if (idempotencyKey == null && early.best().isPresent()) {
			UUID id = UUID.randomUUID();
			if (storeAssigned(id, request, early.best().get(), early.seen().version(), true)) {
				return new Answered(assigned(id, early.best().get()), false);
			}
			early = new Searched(early.seen(), Optional.empty());
		}
		Searched searched = early;
		return this.transactions.execute((status) -> assignLocked(caller, idempotencyKey, request, searched));
	}

	private Searched search(TaskRequest request) {
		FleetAsOf seen = this.fleets.asOfNow(request.fleet());
		requireOnMap(seen.fleet(), request.spec());
		TaskSpec spec = request.spec();
		return new Searched(seen, this.candidates.cheapest(seen.fleet().id(), spec,
				CostModel.toNearestCharger(seen.fleet(), spec.endX(), spec.endY()), seen.now()));
	}

	private Answered assignLocked(CallerRights caller, String idempotencyKey, TaskRequest request, Searched early) {
		LockedFleet locked = this.fleets.lock(request.fleet());
		Optional<CandidateSearch.Candidate> stillValid = locked.fleet().equals(early.seen().fleet()) ? early.best()
				: Optional.empty();
		String hash = (idempotencyKey != null) ? hash(request) : null;
		if (idempotencyKey != null) {
			Optional<IdempotentRequests.Stored> earlier = this.idempotent.find(caller.subject(), idempotencyKey);
			if (earlier.isPresent()) {
				return repeated(earlier.get(), hash, idempotencyKey);
			}
		}
		AssignmentAnswer answer = decide(locked, request, stillValid);
		if (idempotencyKey != null && !this.idempotent.save(caller.subject(), idempotencyKey, hash,
				answer.queued() ? 202 : 200, this.json.writeValueAsString(answer))) {
			// Only a request for another fleet with the same key can have got here first.
			throw new IdempotencyKeyReused(idempotencyKey);
		}
		return new Answered(answer, false);
	}

	/** Under the fleet's lock. */
	private AssignmentAnswer decide(LockedFleet locked, TaskRequest request,
			Optional<CandidateSearch.Candidate> early) {
		Fleet fleet = locked.fleet();
		TaskSpec spec = request.spec();
		requireOnMap(fleet, spec);
		UUID id = UUID.randomUUID();
		if (early.isPresent() && storeAssigned(id, request, early.get(), null, true)) {
			return assigned(id, early.get());
		}
		this.searchedAgain.increment();
		double toChargerM = CostModel.toNearestCharger(fleet, spec.endX(), spec.endY());
		Optional<CandidateSearch.Candidate> best = this.candidates.cheapest(fleet.id(), spec, toChargerM, locked.now());
		if (best.isPresent()) {
			if (!storeAssigned(id, request, best.get(), null, false)) {
				throw new IllegalStateException("Robot " + best.get().robotId() + " vanished under the fleet's lock");
			}
			return assigned(id, best.get());
		}
		this.feasibility.requirePossible(fleet, spec, toChargerM);
		storeQueued(id, request);
		this.events.record("queued", null, task(id, request, "queued", null, null), "no robot can take it now");
		return new AssignmentAnswer(id, "queued", null, null, null);
	}

	private static void requireOnMap(Fleet fleet, TaskSpec spec) {
		fleet.requireOnMap("task location", spec.x(), spec.y());
		if (spec.dropoffX() != null) {
			fleet.requireOnMap("task drop-off", spec.dropoffX(), spec.dropoffY());
		}
	}

	private static AssignmentAnswer assigned(UUID id, CandidateSearch.Candidate chosen) {
		return new AssignmentAnswer(id, "assigned", chosen.robotId(), chosen.score().finish(), chosen.score());
	}

	/**
	 * Stores the task given to the robot, its open assignment, where and when the robot
	 * is free afterwards, and the event, in one statement that first takes the fleet's
	 * lock (if this transaction does not hold it yet) and the robot's. Outside a
	 * transaction the statement commits on its own, so the fleet's lock is held only
	 * while it runs and commits.
	 * <p>
	 * The versions are checked after the locks are taken: PostgreSQL then compares them
	 * with the rows' latest versions, not with the statement's snapshot, so a change
	 * committed while this statement waited for a lock is seen.
	 * @param fleetVersion store nothing unless the fleet's row is still this version;
	 * {@code null} when the caller holds the fleet's lock since it read the fleet
	 * @param onlyIfUnchanged store nothing unless the robot's row is still the version
	 * the candidate was scored from
	 * @return whether it was stored
	 */
	private boolean storeAssigned(UUID id, TaskRequest request, CandidateSearch.Candidate chosen, String fleetVersion,
			boolean onlyIfUnchanged) {
		TaskSpec spec = request.spec();
		Score score = chosen.score();
		String scoreJson = this.json.writeValueAsString(score);
		String event = this.events.payload("assigned", chosen.robotId(),
				task(id, request, "assigned", chosen.robotId(), score), "requested");
		return this.jdbc
			.sql("""
					with fleet_locked as (
					    select f.id from fleet f
					    where f.id = :fleet and (cast(:fleet_version as text) is null or f.xmin = cast(:fleet_version as xid))
					    for no key update
					), chosen as (
					    -- The robot is looked up by a value taken from the locked fleet, so the fleet's lock is
					    -- always taken before the robot's, as every other change to the fleet takes them.
					    select r.id from robot r
					    where r.id = (select cast(:robot as text) from fleet_locked)
					      and (not :only_if_unchanged or r.xmin = cast(:row_version as xid))
					    for update of r
					), stored as (
					    insert into task (id, fleet_id, type, priority, x, y, dropoff_x, dropoff_y, required_capabilities,
					                      estimated_duration_s, deadline, status, robot_id, eta, score, assigned_at)
					    select :id, :fleet, :type, :priority, :x, :y, :dropoff_x, :dropoff_y, :capabilities, :work_s,
					           :deadline, 'assigned', chosen.id, :eta, cast(:score as jsonb), now()
					    from chosen
					    returning id, robot_id
					), opened as (
					    insert into assignment (task_id, robot_id, estimated_completion, score, reason)
					    select stored.id, stored.robot_id, :eta, cast(:score as jsonb), 'requested' from stored
					), projected as (
					    update robot set free_at = :eta, free_x = :end_x, free_y = :end_y, free_battery_pct = :battery_after
					    where id = :robot and exists (select from stored)
					), announced as (
					    insert into fleet_event (fleet_id, robot_id, task_id, kind, payload)
					    select :fleet, stored.robot_id, stored.id, 'assigned', cast(:event as jsonb) from stored
					)
					select count(*) from stored""")
			.param("fleet_version", fleetVersion, Types.VARCHAR)
			.param("only_if_unchanged", onlyIfUnchanged)
			.param("robot", chosen.robotId())
			.param("row_version", chosen.rowVersion())
			.param("id", id)
			.param("fleet", request.fleet())
			.param("type", request.type())
			.param("priority", spec.priority())
			.param("x", spec.x())
			.param("y", spec.y())
			.param("dropoff_x", spec.dropoffX(), Types.DOUBLE)
			.param("dropoff_y", spec.dropoffY(), Types.DOUBLE)
			.param("capabilities", spec.requiredCapabilities().toArray(String[]::new))
			.param("work_s", spec.workS())
			.param("deadline", (spec.deadline() != null) ? Timestamp.from(spec.deadline()) : null, Types.TIMESTAMP)
			.param("eta", Timestamp.from(score.finish()))
			.param("score", scoreJson)
			.param("end_x", spec.endX())
			.param("end_y", spec.endY())
			.param("battery_after", score.batteryAfterPct())
			.param("event", event)
			.query(Integer.class)
			.single() == 1;
	}

	/** Stores the task queued: no robot can take it yet. */
	private void storeQueued(UUID id, TaskRequest request) {
		TaskSpec spec = request.spec();
		this.jdbc.sql("""
				insert into task (id, fleet_id, type, priority, x, y, dropoff_x, dropoff_y, required_capabilities,
				                  estimated_duration_s, deadline, status)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'queued')""")
			.params(id, request.fleet(), request.type(), spec.priority(), spec.x(), spec.y(), spec.dropoffX(),
					spec.dropoffY(), spec.requiredCapabilities().toArray(String[]::new), spec.workS(),
					(spec.deadline() != null) ? Timestamp.from(spec.deadline()) : null)
			.update();
	}

	private static Task task(UUID id, TaskRequest request, String status, String robot, Score score) {
		TaskSpec spec = request.spec();
		return new Task(id, request.fleet(), request.type(), spec.priority(), spec.x(), spec.y(), spec.dropoffX(),
				spec.dropoffY(), spec.requiredCapabilities(), spec.workS(), spec.deadline(), status, robot,
				(score != null) ? score.finish() : null);
	}

	private Answered repeated(IdempotentRequests.Stored earlier, String hash, String key) {
		if (!earlier.requestHash().equals(hash)) {
			throw new IdempotencyKeyReused(key);
		}
		return new Answered(this.json.readValue(earlier.response(), AssignmentAnswer.class), true);
	}

	private String hash(TaskRequest request) {
		try {
			byte[] canonical = this.json.writeValueAsString(request).getBytes(StandardCharsets.UTF_8);
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every JRE", ex);
		}
	}

	/** The fleet as the search saw it, and the cheapest robot it found, if any. */
	private record Searched(FleetAsOf seen, Optional<CandidateSearch.Candidate> best) {
	}

	/**
	 * An answer, and whether it is the stored answer to an earlier request with the same
	 * key.
	 */
	public record Answered(AssignmentAnswer answer, boolean replayed) {
	}

}

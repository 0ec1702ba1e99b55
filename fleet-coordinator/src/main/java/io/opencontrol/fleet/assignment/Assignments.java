package io.opencontrol.fleet.assignment;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

import io.opencontrol.fleet.events.FleetEvents;
import io.opencontrol.fleet.fleets.Fleet;
import io.opencontrol.fleet.fleets.FleetNotFound;
import io.opencontrol.fleet.fleets.Fleets;
import io.opencontrol.fleet.fleets.LockedFleet;
import io.opencontrol.fleet.tasks.Task;
import io.opencontrol.platform.security.CallerRights;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * {@code POST /assign_task}: the task is stored and given to the cheapest robot that can
 * do it now, or queued when none can yet, in one transaction under the fleet's lock. With
 * an Idempotency-Key, a repetition of the same request gets the first answer.
 */
@Service
public class Assignments {

	private final Fleets fleets;

	private final CandidateSearch candidates;

	private final AssignmentLedger ledger;

	private final Feasibility feasibility;

	private final IdempotentRequests idempotent;

	private final FleetEvents events;

	private final JdbcClient jdbc;

	private final JsonMapper json;

	Assignments(Fleets fleets, CandidateSearch candidates, AssignmentLedger ledger, Feasibility feasibility,
			IdempotentRequests idempotent, FleetEvents events, JdbcClient jdbc, JsonMapper json) {
		this.fleets = fleets;
		this.candidates = candidates;
		this.ledger = ledger;
		this.feasibility = feasibility;
		this.idempotent = idempotent;
		this.events = events;
		this.jdbc = jdbc;
		this.json = json;
	}

	/**
	 * Assigns or queues the task.
	 * @param caller who asks (its fleet scope applies)
	 * @param idempotencyKey the request's key, or {@code null}
	 * @param request the task
	 * @return the answer, and whether it repeats an earlier one
	 */
	@Transactional
	public Answered assign(CallerRights caller, String idempotencyKey, TaskRequest request) {
		if (!caller.canSee(request.fleet())) {
			throw new FleetNotFound(request.fleet());
		}
		LockedFleet locked = this.fleets.lock(request.fleet());
		String hash = (idempotencyKey != null) ? hash(request) : null;
		if (idempotencyKey != null) {
			Optional<IdempotentRequests.Stored> earlier = this.idempotent.find(caller.subject(), idempotencyKey);
			if (earlier.isPresent()) {
				return repeated(earlier.get(), hash, idempotencyKey);
			}
		}
		AssignmentAnswer answer = decide(locked, request);
		if (idempotencyKey != null && !this.idempotent.save(caller.subject(), idempotencyKey, hash,
				answer.queued() ? 202 : 200, this.json.writeValueAsString(answer))) {
			// Only a request for another fleet with the same key can have got here first.
			throw new IdempotencyKeyReused(idempotencyKey);
		}
		return new Answered(answer, false);
	}

	private AssignmentAnswer decide(LockedFleet locked, TaskRequest request) {
		Fleet fleet = locked.fleet();
		TaskSpec spec = request.spec();
		fleet.requireOnMap("task location", spec.x(), spec.y());
		if (spec.dropoffX() != null) {
			fleet.requireOnMap("task drop-off", spec.dropoffX(), spec.dropoffY());
		}
		double toChargerM = CostModel.toNearestCharger(fleet, spec.endX(), spec.endY());
		Optional<CandidateSearch.Candidate> best = this.candidates.cheapest(fleet.id(), spec, toChargerM, locked.now());
		if (best.isEmpty()) {
			this.feasibility.requirePossible(fleet, spec, toChargerM);
		}
		UUID id = UUID.randomUUID();
		if (best.isEmpty()) {
			insert(id, request, null);
			Task queued = task(id, request, "queued", null, null);
			this.events.record("queued", null, queued, "no robot can take it now");
			return new AssignmentAnswer(id, "queued", null, null, null);
		}
		CandidateSearch.Candidate chosen = best.get();
		insert(id, request, chosen);
		this.ledger.record(id, chosen.robotId(), chosen.score(), "requested");
		this.ledger.project(chosen.robotId(), spec.endX(), spec.endY(), chosen.score().finish(),
				chosen.score().batteryAfterPct());
		Task assigned = task(id, request, "assigned", chosen.robotId(), chosen.score());
		this.events.record("assigned", chosen.robotId(), assigned, "requested");
		return new AssignmentAnswer(id, "assigned", chosen.robotId(), chosen.score().finish(), chosen.score());
	}

	/** Stores the task, queued or already assigned to the chosen robot. */
	private void insert(UUID id, TaskRequest request, CandidateSearch.Candidate chosen) {
		TaskSpec spec = request.spec();
		this.jdbc.sql("""
				insert into task (id, fleet_id, type, priority, x, y, dropoff_x, dropoff_y, required_capabilities,
				                  estimated_duration_s, deadline, status, robot_id, eta, score, assigned_at)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb),
				        case when ? then now() end)""")
			.params(id, request.fleet(), request.type(), spec.priority(), spec.x(), spec.y(), spec.dropoffX(),
					spec.dropoffY(), spec.requiredCapabilities().toArray(String[]::new), spec.workS(),
					(spec.deadline() != null) ? Timestamp.from(spec.deadline()) : null,
					(chosen != null) ? "assigned" : "queued", (chosen != null) ? chosen.robotId() : null,
					(chosen != null) ? Timestamp.from(chosen.score().finish()) : null,
					(chosen != null) ? this.json.writeValueAsString(chosen.score()) : null, chosen != null)
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

	/**
	 * An answer, and whether it is the stored answer to an earlier request with the same
	 * key.
	 */
	public record Answered(AssignmentAnswer answer, boolean replayed) {
	}

}

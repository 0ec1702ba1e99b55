package io.opencontrol.edge.status;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import io.opencontrol.edge.assignments.AssignmentFeed;
import io.opencontrol.edge.cloud.Cloud;
import io.opencontrol.edge.heartbeat.Heartbeats;
import io.opencontrol.edge.inference.InferenceStatus;
import io.opencontrol.edge.journal.Journal;
import io.opencontrol.edge.journal.Priority;
import io.opencontrol.edge.telemetry.Forwarder;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the robot's software (and an operator on the robot) may want to know at a glance.
 */
@RestController
class StatusController {

	private final Cloud cloud;

	private final Journal journal;

	private final Forwarder forwarder;

	private final InferenceStatus inference;

	private final Heartbeats heartbeats;

	private final AssignmentFeed assignments;

	StatusController(Cloud cloud, Journal journal, Forwarder forwarder, InferenceStatus inference,
			Heartbeats heartbeats, AssignmentFeed assignments) {
		this.cloud = cloud;
		this.journal = journal;
		this.forwarder = forwarder;
		this.inference = inference;
		this.heartbeats = heartbeats;
		this.assignments = assignments;
	}

	@GetMapping("/status")
	EdgeStatus status() {
		long last = this.journal.lastSequence();
		long forwarded = this.journal.forwardedUpTo();
		JournalStatus journal = new JournalStatus(this.journal.id(), last, forwarded, this.journal.backlog(),
				this.journal.diskBytes(), Map.of("low", this.journal.dropped(Priority.LOW), "normal",
						this.journal.dropped(Priority.NORMAL), "high", this.journal.dropped(Priority.HIGH)));
		return new EdgeStatus(this.cloud.robotId(), this.inference.now(), journal,
				new ForwardingStatus(this.forwarder.lastConfirmed(), this.forwarder.lastProblem()),
				new HeartbeatStatus(this.heartbeats.lastDelivered(), this.heartbeats.lastProblem()),
				new StreamStatus(this.assignments.connected(), this.assignments.lastProblem()));
	}

	record EdgeStatus(String robotId, InferenceStatus.Snapshot inference, JournalStatus journal,
			ForwardingStatus forwarding, HeartbeatStatus heartbeats, StreamStatus assignments) {
	}

	record HeartbeatStatus(Instant lastDelivered, String lastProblem) {
	}

	record StreamStatus(boolean connected, String lastProblem) {
	}

	record JournalStatus(UUID id, long lastSequence, long forwardedSequence, long backlog, long diskBytes,
			Map<String, Long> dropped) {
	}

	record ForwardingStatus(Instant lastConfirmed, String lastProblem) {
	}

}

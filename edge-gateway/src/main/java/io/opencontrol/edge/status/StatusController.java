package io.opencontrol.edge.status;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import io.opencontrol.edge.cloud.Cloud;
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

	StatusController(Cloud cloud, Journal journal, Forwarder forwarder, InferenceStatus inference) {
		this.cloud = cloud;
		this.journal = journal;
		this.forwarder = forwarder;
		this.inference = inference;
	}

	@GetMapping("/status")
	EdgeStatus status() {
		long last = this.journal.lastSequence();
		long forwarded = this.journal.forwardedUpTo();
		JournalStatus journal = new JournalStatus(this.journal.id(), last, forwarded, Math.max(0, last - forwarded),
				this.journal.diskBytes(), Map.of("low", this.journal.dropped(Priority.LOW), "normal",
						this.journal.dropped(Priority.NORMAL), "high", this.journal.dropped(Priority.HIGH)));
		return new EdgeStatus(this.cloud.robotId(), this.inference.now(), journal,
				new ForwardingStatus(this.forwarder.lastConfirmed(), this.forwarder.lastProblem()));
	}

	record EdgeStatus(String robotId, InferenceStatus.Snapshot inference, JournalStatus journal,
			ForwardingStatus forwarding) {
	}

	record JournalStatus(UUID id, long lastSequence, long forwardedSequence, long backlog, long diskBytes,
			Map<String, Long> dropped) {
	}

	record ForwardingStatus(Instant lastConfirmed, String lastProblem) {
	}

}

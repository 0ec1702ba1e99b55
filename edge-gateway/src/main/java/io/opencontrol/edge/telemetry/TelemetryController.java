package io.opencontrol.edge.telemetry;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import io.opencontrol.edge.journal.Journal;
import io.opencontrol.edge.journal.Priority;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The robot's telemetry: answered only once the record is on disk (fsync'd), so an
 * acknowledged record survives a crash and reaches the cloud once.
 */
@RestController
class TelemetryController {

	private final Journal journal;

	private final JsonMapper json;

	TelemetryController(Journal journal, JsonMapper json) {
		this.journal = journal;
		this.json = json;
	}

	@PostMapping("/telemetry")
	@ResponseStatus(HttpStatus.ACCEPTED)
	Stored record(@Valid @RequestBody NewRecord record) {
		Instant recordedAt = (record.recordedAt() != null) ? record.recordedAt() : Instant.now();
		byte[] payload = this.json.writeValueAsBytes(new Payload(recordedAt, record.data()));
		Priority priority = (record.priority() != null) ? Priority.valueOf(record.priority().toUpperCase())
				: Priority.NORMAL;
		return new Stored(this.journal.append(priority, payload), this.journal.id());
	}

	/** What the robot's software sends: its data (a JSON object), and optionally more. */
	record NewRecord(@Pattern(regexp = "^(low|normal|high)$") String priority, Instant recordedAt,
			@NotNull @Size(max = 200) Map<String, Object> data) {
	}

	/** What the journal keeps: the coordinator's record without sequence and priority. */
	record Payload(Instant recordedAt, Map<String, Object> data) {
	}

	record Stored(long sequence, UUID journalId) {
	}

}

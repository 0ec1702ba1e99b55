package io.opencontrol.fleet.web;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.opencontrol.fleet.telemetry.Receipt;
import io.opencontrol.fleet.telemetry.StoredTelemetry;
import io.opencontrol.fleet.telemetry.Telemetry;
import io.opencontrol.fleet.telemetry.TelemetryRecord;
import io.opencontrol.platform.security.CallerRights;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Telemetry batches from a robot's own edge gateway (robot), and a robot's telemetry for
 * readers of its fleet.
 */
@RestController
@Validated
@RequestMapping("/api/robots/{id}/telemetry")
class TelemetryController {

	private final Telemetry telemetry;

	TelemetryController(Telemetry telemetry) {
		this.telemetry = telemetry;
	}

	@PostMapping
	@PreAuthorize("hasAuthority('PERMISSION_ROBOT')")
	Receipt ingest(@PathVariable @Pattern(regexp = Identifiers.SLUG) String id, @Valid @RequestBody Batch batch,
			Authentication caller) {
		List<TelemetryRecord> records = batch.records()
			.stream()
			.map((record) -> new TelemetryRecord(record.sequence(), record.priority(), record.recordedAt(),
					record.data()))
			.toList();
		return this.telemetry.ingest(CallerRights.of(caller), id, batch.journalId(), records);
	}

	@GetMapping
	@PreAuthorize("hasAuthority('PERMISSION_READ')")
	List<StoredTelemetry> read(@PathVariable @Pattern(regexp = Identifiers.SLUG) String id,
			@RequestParam(defaultValue = "0") @PositiveOrZero long after,
			@RequestParam(defaultValue = "500") @Min(1) @Max(5000) int limit, Authentication caller) {
		return this.telemetry.read(CallerRights.of(caller), id, after, limit);
	}

	/** Records of one journal, in its order. */
	record Batch(@NotNull UUID journalId, @NotNull @Size(min = 1, max = 1000) List<@NotNull @Valid Record> records) {
	}

	record Record(@NotNull @Positive Long sequence, @NotNull @Pattern(regexp = "^(low|normal|high)$") String priority,
			@NotNull Instant recordedAt, @NotNull @Size(max = 200) Map<String, Object> data) {
	}

}

package io.opencontrol.fleet.telemetry;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A telemetry record as stored: {@code id} orders records by arrival, and
 * ({@code journalId}, {@code sequence}) is the record's identity on its robot.
 */
public record StoredTelemetry(long id, String robotId, UUID journalId, long sequence, String priority,
		Instant recordedAt, Instant receivedAt, Map<String, Object> data) {
}

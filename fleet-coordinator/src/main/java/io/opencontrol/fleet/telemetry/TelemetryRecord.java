package io.opencontrol.fleet.telemetry;

import java.time.Instant;
import java.util.Map;

/**
 * One telemetry record as the robot's journal holds it: its sequence there, its priority
 * and when it was recorded, and the data itself (a JSON object).
 */
public record TelemetryRecord(long sequence, String priority, Instant recordedAt, Map<String, Object> data) {
}

package io.opencontrol.health.polling;

import java.time.Instant;

/** A component moving from one status to another. */
public record StatusChange(String component, ComponentStatus from, ComponentStatus to, Instant at, String reason) {
}

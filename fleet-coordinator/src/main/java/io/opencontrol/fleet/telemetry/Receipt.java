package io.opencontrol.fleet.telemetry;

/**
 * What became of a batch: how many records were new, how many had arrived before, and the
 * last sequence of the batch, up to which the robot may now forget its records.
 */
public record Receipt(int accepted, int duplicates, long lastSequence) {
}

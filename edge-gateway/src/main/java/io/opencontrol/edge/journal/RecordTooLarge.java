package io.opencontrol.edge.journal;

/** A record larger than the journal's {@code max-record-size}. */
public class RecordTooLarge extends RuntimeException {

	public RecordTooLarge(int limit, int size) {
		super("a telemetry record holds at most " + limit + " bytes, this one has " + size);
	}

}

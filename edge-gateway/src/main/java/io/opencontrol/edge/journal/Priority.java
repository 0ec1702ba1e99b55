package io.opencontrol.edge.journal;

/**
 * How much a telemetry record matters when the disk budget runs out: low-priority records
 * are the first to go.
 */
public enum Priority {

	LOW, NORMAL, HIGH;

	static Priority ofCode(byte code) {
		if (code < 0 || code >= values().length) {
			throw new IllegalArgumentException("no priority " + code);
		}
		return values()[code];
	}

	byte code() {
		return (byte) ordinal();
	}

}

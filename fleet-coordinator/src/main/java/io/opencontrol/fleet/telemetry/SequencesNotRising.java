package io.opencontrol.fleet.telemetry;

/** A batch whose records are not in journal order. */
public class SequencesNotRising extends RuntimeException {

	public SequencesNotRising(long previous, long next) {
		super("records must be in journal order: sequence " + next + " follows " + previous);
	}

}

package io.opencontrol.edge.inference;

/**
 * A /predict request that cannot be answered as it is: the robot's software must fix it.
 */
public class InvalidPrediction extends RuntimeException {

	public InvalidPrediction(String message) {
		super(message);
	}

}

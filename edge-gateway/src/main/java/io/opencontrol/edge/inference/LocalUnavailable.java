package io.opencontrol.edge.inference;

/**
 * No model version has been loaded on the robot yet, and the cloud cannot answer either.
 */
public class LocalUnavailable extends RuntimeException {

	public LocalUnavailable(String message) {
		super(message);
	}

}

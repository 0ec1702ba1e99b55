package io.opencontrol.edge.inference;

/**
 * The cloud could not answer this request: unreachable, failing, too slow or refused by
 * the circuit.
 */
public class CloudUnavailable extends RuntimeException {

	public CloudUnavailable(String message, Throwable cause) {
		super(message, cause);
	}

}

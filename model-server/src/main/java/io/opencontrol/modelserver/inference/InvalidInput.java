package io.opencontrol.modelserver.inference;

/**
 * A request that does not fit the model's signature or the protocol; answered 400, never
 * queued.
 */
public class InvalidInput extends RuntimeException {

	public InvalidInput(String message) {
		super(message);
	}

}

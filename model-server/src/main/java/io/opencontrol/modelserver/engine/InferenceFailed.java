package io.opencontrol.modelserver.engine;

/** The engine failed on a batch; only that batch's requests fail with it. */
public class InferenceFailed extends RuntimeException {

	public InferenceFailed(String model, Throwable cause) {
		super("model " + model + " failed on a batch: " + cause.getMessage(), cause);
	}

	public InferenceFailed(String model, String reason) {
		super("model " + model + ": " + reason);
	}

}

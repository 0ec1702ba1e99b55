package io.opencontrol.fleet.assignment;

/** An Idempotency-Key the caller already used for a different request. */
public class IdempotencyKeyReused extends RuntimeException {

	public IdempotencyKeyReused(String key) {
		super("Idempotency-Key '" + key + "' was already used for a different request");
	}

}

package io.opencontrol.modelserver.batching;

/** A request's timeout passed while it waited in the queue; it was never computed. */
public class DeadlineExpired extends RuntimeException {

	public DeadlineExpired(String model, long version) {
		super("request to model " + model + " version " + version + " timed out in the queue and was not computed");
	}

}

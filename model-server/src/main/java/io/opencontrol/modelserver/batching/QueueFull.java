package io.opencontrol.modelserver.batching;

/**
 * A model version's queue holds as many requests as it may; the caller should retry
 * later.
 */
public class QueueFull extends RuntimeException {

	public QueueFull(String model, long version, int capacity) {
		super("model " + model + " version " + version + " has " + capacity + " requests queued; retry later");
	}

}

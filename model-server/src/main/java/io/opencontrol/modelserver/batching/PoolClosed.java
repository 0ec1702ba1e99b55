package io.opencontrol.modelserver.batching;

/**
 * The model version stopped taking requests (unloaded, replaced or shutting down). A
 * request refused on submit may be sent to the version that replaced it.
 */
public class PoolClosed extends RuntimeException {

	public PoolClosed(String model, long version) {
		super("model " + model + " version " + version + " is unloading");
	}

}

package io.opencontrol.modelserver.serving;

/**
 * The model (or the version asked for) is in the repository and being loaded, but no
 * version of it is warm yet: a caller may retry shortly, unlike {@link ModelNotFound}.
 */
public class ModelNotReady extends RuntimeException {

	public ModelNotReady(String model) {
		super("model " + model + " is loading");
	}

	public ModelNotReady(String model, String version) {
		super("model " + model + " version " + version + " is loading");
	}

}

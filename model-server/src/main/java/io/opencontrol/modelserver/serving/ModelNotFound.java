package io.opencontrol.modelserver.serving;

/** No such model, or no such version of it, is being served. */
public class ModelNotFound extends RuntimeException {

	public ModelNotFound(String model) {
		super("model " + model + " is not served");
	}

	public ModelNotFound(String model, String version) {
		super("model " + model + " version " + version + " is not served");
	}

}

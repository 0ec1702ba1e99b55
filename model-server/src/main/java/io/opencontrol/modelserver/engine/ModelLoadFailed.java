package io.opencontrol.modelserver.engine;

import java.nio.file.Path;

/** The engine could not load (or warm) a model version. */
public class ModelLoadFailed extends RuntimeException {

	public ModelLoadFailed(String model, Path versionDirectory, Throwable cause) {
		super("model " + model + " from " + versionDirectory + " failed to load: " + cause.getMessage(), cause);
	}

	public ModelLoadFailed(String model, String reason) {
		super("model " + model + ": " + reason);
	}

}

package io.opencontrol.modelserver.repository;

import java.util.Arrays;
import java.util.Optional;

/**
 * The DJL engines a model may run on, with the file each expects in a version directory.
 */
public enum EngineKind {

	PYTORCH("PyTorch", "model.pt"), ONNX_RUNTIME("OnnxRuntime", "model.onnx");

	private final String djlName;

	private final String fileName;

	EngineKind(String djlName, String fileName) {
		this.djlName = djlName;
		this.fileName = fileName;
	}

	/** The engine's name in DJL and in {@code config.yaml}. */
	public String djlName() {
		return this.djlName;
	}

	public String fileName() {
		return this.fileName;
	}

	public static Optional<EngineKind> named(String name) {
		return Arrays.stream(values()).filter((kind) -> kind.djlName.equals(name)).findFirst();
	}

}
